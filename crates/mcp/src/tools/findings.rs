//! `findings`: one scan's findings as its `assessment.json` has them (evidence, remediation,
//! best practice), filtered and paged.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wellscan_model::Severity;

use super::{Answer, json, pillar, read_only};
use crate::{Archive, Entry, Page, ToolError};

pub const NAME: &str = "findings";

/// Findings on a page unless asked otherwise, and at most.
const PAGE: usize = 25;
const MAX_PAGE: usize = 100;

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Args {
    /// The scan id (default: the latest finished scan of `account`, or of the whole history).
    #[serde(default)]
    pub scan: Option<String>,
    /// The account whose latest finished scan to read, when no scan is named.
    #[serde(default)]
    pub account: Option<String>,
    /// Only findings of this primary pillar: operational_excellence, security, reliability,
    /// performance_efficiency, cost_optimization or sustainability.
    #[serde(default)]
    pub pillar: Option<String>,
    /// Only findings of this severity: critical, high, medium, low or informational.
    #[serde(default)]
    pub severity: Option<String>,
    /// Only findings of this check id, e.g. `ec2.sg_open_admin_ports` (the `check` tool
    /// describes one).
    #[serde(default)]
    pub check: Option<String>,
    /// Only findings in this region, or `global` for account-wide resources.
    #[serde(default)]
    pub region: Option<String>,
    /// Only findings on a resource whose id, name or ARN contains this text (any case).
    #[serde(default)]
    pub resource: Option<String>,
    /// Only findings new since the account's previous recorded scan from the same source.
    #[serde(default)]
    pub new_since_last: bool,
    /// The page, counted from 1.
    #[serde(default)]
    pub page: Option<usize>,
    /// Findings per page: 25 unless asked, at most 100.
    #[serde(default)]
    pub page_size: Option<usize>,
}

pub fn tool() -> rmcp::model::Tool {
    read_only::<Args>(
        NAME,
        "Findings of a scan",
        "One scan's findings, most severe first, each with its resource, evidence, remediation, \
         best practice and monthly savings; filtered by pillar, severity, check, region, resource \
         or new since the previous scan; one page at a time with the total.",
    )
}

/// The answer's data.
#[derive(Debug, Serialize)]
struct Found<'a> {
    scan_id: &'a str,
    account_id: &'a str,
    /// With `new_since_last`: the scan these findings are new against; `None` for the
    /// account's first recorded scan, whose findings are all new.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_scan: Option<Option<&'a str>>,
    #[serde(flatten)]
    page: Page,
    findings: Vec<Value>,
}

pub async fn call(archive: &Archive, args: Args) -> Result<Answer, ToolError> {
    let filter = Filter::new(&args)?;
    let record = archive
        .finished(args.scan.as_deref(), args.account.as_deref())
        .await?;
    let index = archive.findings(&record).await?;
    let matching: Vec<&Entry> = index
        .entries()
        .iter()
        .filter(|e| filter.keeps(e) && (!args.new_since_last || e.new))
        .collect();
    let page = Page::of(
        matching.len(),
        args.page,
        args.page_size,
        PAGE,
        MAX_PAGE,
        "findings",
    )?;
    let findings = page
        .slice(&matching)
        .iter()
        .map(|e| index.finding(e))
        .collect::<Result<_, _>>()
        .map_err(|e| ToolError::Report(format!("a finding of scan {}: {e}", index.scan_id)))?;
    let found = Found {
        scan_id: &index.scan_id,
        account_id: &index.account_id,
        baseline_scan: args.new_since_last.then_some(index.baseline.as_deref()),
        page,
        findings,
    };
    Ok(Answer {
        intro: format!(
            "Findings of scan {} (account {}): page {} of {}, {} finding(s) in all.",
            found.scan_id,
            found.account_id,
            page.page,
            page.pages.max(1),
            page.total
        ),
        value: json(&found)?,
    })
}

/// The filters of `Args`, checked.
struct Filter {
    pillar: Option<wellscan_model::Pillar>,
    severity: Option<Severity>,
    check: Option<String>,
    region: Option<String>,
    resource: Option<String>,
}

impl Filter {
    fn new(args: &Args) -> Result<Filter, ToolError> {
        let severity = match &args.severity {
            Some(s) => Some(Severity::parse(s).ok_or_else(|| {
                ToolError::Input(format!(
                    "no severity `{s}`: {}",
                    Severity::ALL
                        .iter()
                        .rev()
                        .map(|s| s.id())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?),
            None => None,
        };
        if let Some(check) = &args.check {
            super::check::meta(check)?;
        }
        if let Some(region) = &args.region
            && region != wellscan_model::GLOBAL_REGION
        {
            wellscan_model::region::check(region, &[])
                .map_err(|e| ToolError::Input(format!("{e} (or `global`)")))?;
        }
        Ok(Filter {
            pillar: args.pillar.as_deref().map(pillar).transpose()?,
            severity,
            check: args.check.clone(),
            region: args.region.clone(),
            resource: args.resource.as_ref().map(|r| r.to_lowercase()),
        })
    }

    fn keeps(&self, e: &Entry) -> bool {
        self.pillar.is_none_or(|p| e.pillar == p)
            && self.severity.is_none_or(|s| e.severity == s)
            && self.check.as_deref().is_none_or(|c| e.check_id() == c)
            && self.region.as_deref().is_none_or(|r| e.region() == r)
            && self
                .resource
                .as_deref()
                .is_none_or(|r| e.resource().iter().any(|field| field.contains(r)))
    }
}
