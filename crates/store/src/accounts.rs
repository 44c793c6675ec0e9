//! Every account of the history with its latest finished scan and the trend of its scores,
//! as the service's `/api/accounts` and the MCP `list_accounts` tool show them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use wellscan_model::{PillarScore, ScanRecord, ScanStatus};

/// Scans in a trend.
pub const TREND_SCANS: usize = 12;

#[derive(Debug, Clone, Serialize)]
pub struct AccountSummary {
    pub account_id: String,
    pub latest_scan: String,
    pub latest_at: DateTime<Utc>,
    pub status: String,
    pub overall_score: Option<u8>,
    pub pillars: Vec<PillarScore>,
    pub findings: usize,
    pub monthly_savings_usd: f64,
    /// Overall scores of the finished scans, oldest first (at most [`TREND_SCANS`]).
    pub trend: Vec<u8>,
}

/// Each account's latest finished scan and trend, from `records` (newest first).
pub fn summarize(records: Vec<ScanRecord>) -> Vec<AccountSummary> {
    let mut by_account: BTreeMap<String, Vec<ScanRecord>> = BTreeMap::new();
    for record in records
        .into_iter()
        .filter(|r| matches!(r.status, ScanStatus::Succeeded | ScanStatus::Partial))
    {
        by_account
            .entry(record.account_id.clone())
            .or_default()
            .push(record);
    }
    by_account
        .into_iter()
        .filter_map(|(account_id, scans)| {
            let latest = scans.first()?.clone();
            let trend = scans
                .iter()
                .take(TREND_SCANS)
                .rev()
                .filter_map(|r| r.overall_score)
                .collect();
            Some(AccountSummary {
                account_id,
                latest_scan: latest.scan_id,
                latest_at: latest.started_at,
                status: latest.status.to_string(),
                overall_score: latest.overall_score,
                pillars: latest.pillars,
                findings: latest.findings,
                monthly_savings_usd: latest.monthly_savings_usd,
                trend,
            })
        })
        .collect()
}
