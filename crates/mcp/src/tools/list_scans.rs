//! `list_scans`: the history's scans, newest first, with their account, source and status.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wellscan_model::{ScanRecord, ScanSource, ScanStatus};

use super::{Answer, json, read_only};
use crate::archive::WINDOW;
use crate::{Archive, Page, ToolError};

pub const NAME: &str = "list_scans";

const PAGE: usize = 25;
const MAX_PAGE: usize = 100;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Args {
    /// Only this account's scans.
    #[serde(default)]
    pub account: Option<String>,
    /// Only scans in this status: running, succeeded, partial or failed.
    #[serde(default)]
    pub status: Option<String>,
    /// Only scans of this source: live, demo or inventory.
    #[serde(default)]
    pub source: Option<String>,
    /// The page, counted from 1.
    #[serde(default)]
    pub page: Option<usize>,
    /// Scans per page: 25 unless asked, at most 100.
    #[serde(default)]
    pub page_size: Option<usize>,
}

pub fn tool() -> rmcp::model::Tool {
    read_only::<Args>(
        NAME,
        "Scans in the history",
        "The recorded scans, newest first: id, account, source (live, demo or inventory), status \
         (running, succeeded, partial with coverage gaps, failed), when, overall score, findings, \
         savings and coverage gaps; filtered by account, status or source.",
    )
}

#[derive(Debug, Serialize)]
struct Listed<'a> {
    scan_id: &'a str,
    account_id: &'a str,
    source: Option<ScanSource>,
    status: ScanStatus,
    started_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
    overall_score: Option<u8>,
    findings: usize,
    monthly_savings_usd: f64,
    coverage_gaps: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

impl<'a> Listed<'a> {
    fn new(r: &'a ScanRecord) -> Listed<'a> {
        Listed {
            scan_id: &r.scan_id,
            account_id: &r.account_id,
            source: r.scope.as_ref().map(|s| s.source),
            status: r.status,
            started_at: r.started_at,
            finished_at: r.finished_at,
            overall_score: r.overall_score,
            findings: r.findings,
            monthly_savings_usd: r.monthly_savings_usd,
            coverage_gaps: r.coverage_gaps,
            error: r.error.as_deref(),
        }
    }
}

#[derive(Debug, Serialize)]
struct Scans<'a> {
    #[serde(flatten)]
    page: Page,
    scans: Vec<Listed<'a>>,
}

pub async fn call(archive: &Archive, args: Args) -> Result<Answer, ToolError> {
    let status = match &args.status {
        Some(s) => Some(ScanStatus::parse(s).ok_or_else(|| {
            ToolError::Input(format!(
                "no status `{s}`: running, succeeded, partial or failed"
            ))
        })?),
        None => None,
    };
    let source = match args.source.as_deref() {
        None => None,
        Some("live") => Some(ScanSource::Live),
        Some("demo") => Some(ScanSource::Demo),
        Some("inventory") => Some(ScanSource::Inventory),
        Some(other) => {
            return Err(ToolError::Input(format!(
                "no source `{other}`: live, demo or inventory"
            )));
        }
    };
    let records: Vec<ScanRecord> = archive
        .history
        .list(args.account.as_deref(), WINDOW)
        .await?
        .into_iter()
        .filter(|r| status.is_none_or(|s| r.status == s))
        .filter(|r| source.is_none_or(|s| r.scope.as_ref().is_some_and(|k| k.source == s)))
        .collect();
    let page = Page::of(
        records.len(),
        args.page,
        args.page_size,
        PAGE,
        MAX_PAGE,
        "scans",
    )?;
    Ok(Answer {
        intro: format!("Scans in wellscan's history: {} match.", records.len()),
        value: json(&Scans {
            page,
            scans: page.slice(&records).iter().map(Listed::new).collect(),
        })?,
    })
}
