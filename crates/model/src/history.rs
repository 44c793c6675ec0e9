//! Scans over time: the record kept of each scan, and what changed between two of them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Assessment, Finding, Pillar, Severity};

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
        }
    }
}

/// A finding as the history keeps it: enough to match it across scans and show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFinding {
    pub check_id: String,
    pub resource_id: String,
    pub region: String,
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

/// A resource as scans are compared on it: its id in its region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceKey {
    pub resource_id: String,
    pub region: String,
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
