//! `/api/accounts`: every account in the history with its latest finished scan, and one
//! account's trend.

use std::sync::Arc;

use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde::Serialize;
use wellscan_model::{PillarScore, ScanRecord, ScanStatus};
pub use wellscan_store::{AccountSummary, summarize};

use crate::auth::{Caller, Role};
use crate::error::ApiError;
use crate::state::AppState;

pub use wellscan_store::TREND_SCANS;

/// At most this many recent scans are read to list accounts.
pub const ACCOUNTS_WINDOW: usize = 5_000;

#[derive(Debug, Serialize)]
pub struct Accounts {
    pub accounts: Vec<AccountSummary>,
}

fn finished(r: &ScanRecord) -> bool {
    matches!(r.status, ScanStatus::Succeeded | ScanStatus::Partial)
}

/// The accounts of the history, from the newest scans.
pub async fn summaries(state: &AppState) -> Result<Vec<AccountSummary>, ApiError> {
    let records = state
        .reads
        .list(state.history.as_ref(), None, ACCOUNTS_WINDOW)
        .await?;
    Ok(summarize(records))
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<axum::Json<Accounts>, ApiError> {
    caller.require(Role::Viewer)?;
    Ok(axum::Json(Accounts {
        accounts: summaries(&state).await?,
    }))
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub scan_id: String,
    pub started_at: DateTime<Utc>,
    pub overall_score: u8,
    pub pillars: Vec<PillarScore>,
}

#[derive(Debug, Serialize)]
pub struct Trend {
    pub account_id: String,
    /// Oldest first.
    pub points: Vec<TrendPoint>,
}

pub async fn trend(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(account): Path<String>,
) -> Result<axum::Json<Trend>, ApiError> {
    caller.require(Role::Viewer)?;
    if account.len() > 64
        || !account
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(ApiError::not_found("no such account"));
    }
    let records = state
        .reads
        .list(state.history.as_ref(), Some(&account), TREND_SCANS * 4)
        .await?;
    if records.is_empty() {
        return Err(ApiError::not_found(format!(
            "no scans of account {account} in the history"
        )));
    }
    let points = records
        .into_iter()
        .filter(finished)
        .take(TREND_SCANS)
        .filter_map(|r| {
            Some(TrendPoint {
                overall_score: r.overall_score?,
                scan_id: r.scan_id,
                started_at: r.started_at,
                pillars: r.pillars,
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Ok(axum::Json(Trend {
        account_id: account,
        points,
    }))
}
