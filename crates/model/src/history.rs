//! Scans over time: the record kept of each scan, and what changed between two of them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    Assessment, CoverageGap, Finding, GLOBAL_REGION, Pillar, ResourceKind, ScanSource, Severity,
};

/// Where a scan's record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanStatus {
    Running,
    Succeeded,
    /// Finished, with coverage gaps.
    Partial,
    Failed,
}

impl ScanStatus {
    pub fn id(self) -> &'static str {
        match self {
            ScanStatus::Running => "running",
            ScanStatus::Succeeded => "succeeded",
            ScanStatus::Partial => "partial",
            ScanStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<ScanStatus> {
        [
            ScanStatus::Running,
            ScanStatus::Succeeded,
            ScanStatus::Partial,
            ScanStatus::Failed,
        ]
        .into_iter()
        .find(|status| status.id() == s)
    }

    /// The status of a finished assessment: partial when something could not be read.
    pub fn of(a: &Assessment) -> ScanStatus {
        if a.scan.coverage_gaps.is_empty() {
            ScanStatus::Succeeded
        } else {
            ScanStatus::Partial
        }
    }
}

impl std::fmt::Display for ScanStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// One pillar's score in a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PillarScore {
    pub pillar: Pillar,
    pub score: u8,
}

/// What the history keeps of one scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanRecord {
    pub scan_id: String,
    pub account_id: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub status: ScanStatus,
    /// Why the scan failed, when it did.
    pub error: Option<String>,
    pub overall_score: Option<u8>,
    pub pillars: Vec<PillarScore>,
    pub findings: usize,
    pub monthly_savings_usd: f64,
    pub coverage_gaps: usize,
    /// Where the reports went: local paths and `s3://` URLs.
    pub reports: Vec<String>,
    /// What the scan looked at; `None` in records of an older wellscan, or of a scan that
    /// never finished.
    #[serde(default)]
    pub scope: Option<ScanScope>,
}

/// What a scan looked at: where its inventory came from, the regions it covered and what it
/// could not read. Two scans are compared only over what both of them saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanScope {
    pub source: ScanSource,
    pub regions: Vec<String>,
    #[serde(default)]
    pub gaps: Vec<CoverageGap>,
}

impl ScanScope {
    pub fn of(a: &Assessment) -> ScanScope {
        ScanScope {
            source: a.scan.source,
            regions: a.scan.regions.clone(),
            gaps: a.scan.coverage_gaps.clone(),
        }
    }

    /// Whether the scan read what a finding or resource of `kind` in `region` rests on: the
    /// region was scanned (account-wide ones always are) and its service was not a gap there.
    pub fn saw(&self, kind: &str, region: &str) -> bool {
        let scanned = region == GLOBAL_REGION || self.regions.iter().any(|r| r == region);
        let service = ResourceKind::ALL
            .iter()
            .find(|k| k.id() == kind)
            .map(|k| k.service());
        let unread = self.gaps.iter().any(|g| {
            (g.region == region || g.region == GLOBAL_REGION)
                && service.is_none_or(|s| s == g.service)
        });
        scanned && !unread
    }
}

impl ScanRecord {
    /// The record of a scan that has just started.
    pub fn running(scan_id: &str, account_id: &str, started_at: DateTime<Utc>) -> ScanRecord {
        ScanRecord {
            scan_id: scan_id.to_string(),
            account_id: account_id.to_string(),
            started_at,
            finished_at: None,
            status: ScanStatus::Running,
            error: None,
            overall_score: None,
            pillars: Vec::new(),
            findings: 0,
            monthly_savings_usd: 0.0,
            coverage_gaps: 0,
            reports: Vec::new(),
            scope: None,
        }
    }

    /// The record of a finished assessment.
    pub fn finished(a: &Assessment, reports: Vec<String>) -> ScanRecord {
        ScanRecord {
            scan_id: a.scan.id.clone(),
            account_id: a.scan.account_id.clone(),
            started_at: a.scan.started_at,
            finished_at: Some(a.scan.finished_at),
            status: ScanStatus::of(a),
            error: None,
            overall_score: Some(a.overall_score),
            pillars: a
                .pillars
                .iter()
                .map(|p| PillarScore {
                    pillar: p.pillar,
                    score: p.score,
                })
                .collect(),
            findings: a.findings.len(),
            monthly_savings_usd: a.executive_summary.monthly_savings_usd,
            coverage_gaps: a.scan.coverage_gaps.len(),
            reports,
            scope: Some(ScanScope::of(a)),
        }
    }
}

/// A finding as the history keeps it: enough to match it across scans and show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFinding {
    pub check_id: String,
    pub resource_id: String,
    pub region: String,
    /// The resource's kind (`iam_user`, ...); empty in records of an older wellscan.
    #[serde(default)]
    pub resource_kind: String,
    pub pillar: Pillar,
    pub severity: Severity,
    pub title: String,
    pub resource_name: String,
    pub monthly_savings_usd: Option<f64>,
}

impl From<&Finding> for StoredFinding {
    fn from(f: &Finding) -> StoredFinding {
        StoredFinding {
            check_id: f.check_id.clone(),
            resource_id: f.resource_id.clone(),
            region: f.region.clone(),
            resource_kind: f.resource_kind.clone(),
            pillar: f.pillar,
            severity: f.severity,
            title: f.title.clone(),
            resource_name: f.resource_name.clone(),
            monthly_savings_usd: f.monthly_savings_usd,
        }
    }
}

/// A finding the newer scan no longer has: fixed, or its resource is gone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolvedFinding {
    #[serde(flatten)]
    pub finding: StoredFinding,
    /// The resource is not in the newer scan: the finding went with it, it was not fixed.
    pub resource_gone: bool,
}

/// A resource as scans are compared on it: its kind and id in its region (an IAM user and
/// an IAM role may share a name).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ResourceKey {
    pub resource_id: String,
    pub region: String,
    /// Empty in records of an older wellscan.
    #[serde(default)]
    pub kind: String,
}

/// A pillar's score then and now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PillarDelta {
    pub pillar: Pillar,
    pub before: u8,
    pub after: u8,
    pub delta: i16,
}

/// What changed between two scans of one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanDiff {
    pub from_scan: String,
    pub to_scan: String,
    pub new: Vec<StoredFinding>,
    /// Findings of the older scan that the newer one no longer has.
    pub resolved: Vec<ResolvedFinding>,
    pub still_open: Vec<StoredFinding>,
    pub gone: Vec<ResourceKey>,
    pub overall_delta: i16,
    pub pillars: Vec<PillarDelta>,
    pub savings_delta_usd: f64,
    /// What the two scans were compared over, when they did not see the same things.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared: Option<Comparison>,
}

/// The part of the account two scans both saw, and what fell outside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Regions both scans covered (account-wide resources always count).
    pub regions: Vec<String>,
    /// Services in regions that one of the two could not read.
    pub unread: Vec<String>,
    /// Findings of either scan outside what both saw: neither new nor resolved.
    pub not_compared: usize,
}

/// One scan's scores, for the trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub scan_id: String,
    pub started_at: DateTime<Utc>,
    pub overall_score: u8,
    pub pillars: Vec<PillarScore>,
}

/// A scan seen against the account's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SinceLast {
    /// What changed since the previous finished scan; `None` for the first recorded scan.
    pub diff: Option<ScanDiff>,
    /// The scores of the last scans, oldest first, this one last.
    pub trend: Vec<TrendPoint>,
}
