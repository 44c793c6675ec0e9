//! `scan_summary`: one scan's scores, executive summary, coverage gaps and savings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wellscan_model::{
    Assessment, CoverageGap, ExecutiveSummary, Finding, Pillar, ScanInfo, Severity,
};

use super::{Answer, json, read_only};
use crate::{Archive, ToolError};

pub const NAME: &str = "scan_summary";

/// The findings with the largest savings listed.
const TOP_SAVINGS: usize = 10;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Args {
    /// The scan id (default: the latest finished scan of `account`, or of the whole history).
    #[serde(default)]
    pub scan: Option<String>,
    /// The account whose latest finished scan to summarise, when no scan is named.
    #[serde(default)]
    pub account: Option<String>,
}

pub fn tool() -> rmcp::model::Tool {
    read_only::<Args>(
        NAME,
        "Summary of a scan",
        "One scan at a glance: what it covered, the overall and six pillar scores (from checks \
         only) with each pillar's analysis, the executive summary, the findings by severity, the \
         parts of the account it could not read (coverage gaps: unknown, neither pass nor fail), \
         the monthly savings with the largest ones, and what changed since the previous scan.",
    )
}

#[derive(Debug, Serialize)]
struct Summary<'a> {
    scan: &'a ScanInfo,
    overall_score: u8,
    pillars: Vec<PillarLine<'a>>,
    executive_summary: &'a ExecutiveSummary,
    findings: Counts,
    coverage_gaps: &'a [CoverageGap],
    monthly_savings_usd: f64,
    largest_savings: Vec<Saving<'a>>,
    /// Since the account's previous recorded scan; `None` for its first.
    since_last: Option<Since<'a>>,
    /// Resource judgements no check could make because a fact it decides on was unread:
    /// unknown, neither passed nor failed.
    not_evaluated: usize,
}

#[derive(Debug, Serialize)]
struct PillarLine<'a> {
    pillar: Pillar,
    score: u8,
    findings: usize,
    high_risk_issues: usize,
    summary: &'a str,
    risks: &'a [String],
}

#[derive(Debug, Serialize)]
struct Counts {
    total: usize,
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    informational: usize,
}

#[derive(Debug, Serialize)]
struct Saving<'a> {
    finding_id: &'a str,
    title: &'a str,
    resource_name: &'a str,
    region: &'a str,
    monthly_savings_usd: f64,
}

#[derive(Debug, Serialize)]
struct Since<'a> {
    from_scan: &'a str,
    overall_delta: i16,
    new: usize,
    resolved: usize,
    still_open: usize,
}

pub async fn call(archive: &Archive, args: Args) -> Result<Answer, ToolError> {
    let record = archive
        .finished(args.scan.as_deref(), args.account.as_deref())
        .await?;
    let a = archive.assessment(&record).await?;
    Ok(Answer {
        intro: format!(
            "Summary of scan {} (account {}).",
            a.scan.id, a.scan.account_id
        ),
        value: json(&summary(&a))?,
    })
}

fn summary(a: &Assessment) -> Summary<'_> {
    let count = |s: Severity| a.findings.iter().filter(|f| f.severity == s).count();
    let mut savings: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.monthly_savings_usd.is_some_and(|s| s > 0.0))
        .collect();
    savings.sort_by(|x, y| {
        y.monthly_savings_usd
            .unwrap_or(0.0)
            .total_cmp(&x.monthly_savings_usd.unwrap_or(0.0))
    });
    Summary {
        scan: &a.scan,
        overall_score: a.overall_score,
        pillars: a
            .pillars
            .iter()
            .map(|p| PillarLine {
                pillar: p.pillar,
                score: p.score,
                findings: p.findings,
                high_risk_issues: p.high_risk_issues,
                summary: &p.summary,
                risks: &p.risks,
            })
            .collect(),
        executive_summary: &a.executive_summary,
        findings: Counts {
            total: a.findings.len(),
            critical: count(Severity::Critical),
            high: count(Severity::High),
            medium: count(Severity::Medium),
            low: count(Severity::Low),
            informational: count(Severity::Informational),
        },
        coverage_gaps: &a.scan.coverage_gaps,
        monthly_savings_usd: a.executive_summary.monthly_savings_usd,
        largest_savings: savings
            .into_iter()
            .take(TOP_SAVINGS)
            .map(|f| Saving {
                finding_id: &f.id,
                title: &f.title,
                resource_name: &f.resource_name,
                region: &f.region,
                monthly_savings_usd: f.monthly_savings_usd.unwrap_or(0.0),
            })
            .collect(),
        since_last: a
            .since_last
            .as_ref()
            .and_then(|s| s.diff.as_ref())
            .map(|d| Since {
                from_scan: &d.from_scan,
                overall_delta: d.overall_delta,
                new: d.new.len(),
                resolved: d.resolved.len(),
                still_open: d.still_open.len(),
            }),
        not_evaluated: a.checks.iter().map(|c| c.not_evaluated).sum(),
    }
}
