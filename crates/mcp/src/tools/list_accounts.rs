//! `list_accounts`: every account of the history with its latest finished scan's scores and
//! the trend of its overall score.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wellscan_store::AccountSummary;

use super::{Answer, json, read_only};
use crate::archive::WINDOW;
use crate::{Archive, Page, ToolError};

pub const NAME: &str = "list_accounts";

const PAGE: usize = 50;
const MAX_PAGE: usize = 200;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Args {
    /// The page, counted from 1.
    #[serde(default)]
    pub page: Option<usize>,
    /// Accounts per page: 50 unless asked, at most 200.
    #[serde(default)]
    pub page_size: Option<usize>,
}

pub fn tool() -> rmcp::model::Tool {
    read_only::<Args>(
        NAME,
        "Accounts in the history",
        "Every AWS account wellscan has assessed: its latest finished scan, overall and pillar \
         scores, findings, monthly savings and the trend of its overall score (oldest first).",
    )
}

#[derive(Debug, Serialize)]
struct Accounts<'a> {
    #[serde(flatten)]
    page: Page,
    accounts: &'a [AccountSummary],
}

pub async fn call(archive: &Archive, args: Args) -> Result<Answer, ToolError> {
    let accounts = wellscan_store::summarize(archive.history.list(None, WINDOW).await?);
    let page = Page::of(
        accounts.len(),
        args.page,
        args.page_size,
        PAGE,
        MAX_PAGE,
        "accounts",
    )?;
    Ok(Answer {
        intro: format!("Accounts in wellscan's history: {} in all.", accounts.len()),
        value: json(&Accounts {
            page,
            accounts: page.slice(&accounts),
        })?,
    })
}
