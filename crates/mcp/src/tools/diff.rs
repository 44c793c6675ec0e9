//! `diff`: what changed between two scans of one account, as `wellscan diff --json` says it,
//! each of its lists paged.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wellscan_model::{Comparison, PillarDelta, ResolvedFinding, ResourceKey, StoredFinding};
use wellscan_store::CompareError;

use super::{Answer, json, read_only};
use crate::{Archive, Page, ToolError};

pub const NAME: &str = "diff";

const PAGE: usize = 50;
const MAX_PAGE: usize = 200;

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Args {
    /// The older scan; needs `newer`.
    #[serde(default)]
    pub older: Option<String>,
    /// The newer scan; alone, it is compared with the finished scan before it.
    #[serde(default)]
    pub newer: Option<String>,
    /// With no scan named: the account whose latest two finished scans to compare (default:
    /// the account of the latest scan).
    #[serde(default)]
    pub account: Option<String>,
    /// The page of every list (new, resolved, still_open, gone), counted from 1.
    #[serde(default)]
    pub page: Option<usize>,
    /// Items of each list per page: 50 unless asked, at most 200.
    #[serde(default)]
    pub page_size: Option<usize>,
}

pub fn tool() -> rmcp::model::Tool {
    read_only::<Args>(
        NAME,
        "What changed between two scans",
        "Two scans of one account compared over what both of them saw: findings new, resolved \
         (fixed, or the resource gone), still open, resources gone, and the change in every \
         score and in savings. Each list comes one page at a time; `totals` has their sizes.",
    )
}

#[derive(Debug, Serialize)]
struct Paged<'a> {
    from_scan: &'a str,
    to_scan: &'a str,
    new: &'a [StoredFinding],
    resolved: &'a [ResolvedFinding],
    still_open: &'a [StoredFinding],
    gone: &'a [ResourceKey],
    overall_delta: i16,
    pillars: &'a [PillarDelta],
    savings_delta_usd: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    compared: Option<&'a Comparison>,
    totals: Totals,
    page: usize,
    page_size: usize,
    /// Pages of the longest list.
    pages: usize,
}

#[derive(Debug, Serialize)]
struct Totals {
    new: usize,
    resolved: usize,
    still_open: usize,
    gone: usize,
}

pub async fn call(archive: &Archive, args: Args) -> Result<Answer, ToolError> {
    let scans: Vec<String> = match (&args.older, &args.newer) {
        (Some(older), Some(newer)) => vec![older.clone(), newer.clone()],
        (None, Some(newer)) => vec![newer.clone()],
        (None, None) => Vec::new(),
        (Some(_), None) => {
            return Err(ToolError::Input(
                "`older` needs `newer`: name the newer scan too, or only `newer`".into(),
            ));
        }
    };
    let store = archive.history.as_ref();
    let (older, newer) = wellscan_store::pick(store, &scans, args.account.as_deref())
        .await
        .map_err(refused)?;
    let d = wellscan_store::compare(store, &older, &newer)
        .await
        .map_err(refused)?;
    let longest = d
        .new
        .len()
        .max(d.resolved.len())
        .max(d.still_open.len())
        .max(d.gone.len());
    let page = Page::of(longest, args.page, args.page_size, PAGE, MAX_PAGE, "items")?;
    let paged = Paged {
        from_scan: &d.from_scan,
        to_scan: &d.to_scan,
        new: page.slice(&d.new),
        resolved: page.slice(&d.resolved),
        still_open: page.slice(&d.still_open),
        gone: page.slice(&d.gone),
        overall_delta: d.overall_delta,
        pillars: &d.pillars,
        savings_delta_usd: d.savings_delta_usd,
        compared: d.compared.as_ref(),
        totals: Totals {
            new: d.new.len(),
            resolved: d.resolved.len(),
            still_open: d.still_open.len(),
            gone: d.gone.len(),
        },
        page: page.page,
        page_size: page.page_size,
        pages: page.pages,
    };
    Ok(Answer {
        intro: format!(
            "What changed from scan {} to scan {}: {} new, {} resolved, {} still open.",
            d.from_scan,
            d.to_scan,
            d.new.len(),
            d.resolved.len(),
            d.still_open.len()
        ),
        value: json(&paged)?,
    })
}

fn refused(e: CompareError) -> ToolError {
    match e {
        CompareError::Usage(m) => ToolError::Input(m),
        CompareError::Store(e) => ToolError::History(e),
    }
}
