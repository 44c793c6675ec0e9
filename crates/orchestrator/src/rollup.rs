//! The organisation rollup from the history alone (`wellscan org rollup`): what a scheduled
//! organisation scan runs once every account's task has ended, each task having recorded its
//! account's scan. For each account of the run, its latest scan since the run began: finished,
//! it is folded in with its findings and trend; failed, it is unscanned with the recorded
//! error; absent or still running, it is unscanned and says so.

use chrono::{DateTime, Utc};
use tracing::Instrument;
use wellscan_model::{OrgAccount, OrgRollup, RollupBuilder, ScanRecord, ScanStatus};
use wellscan_store::{ScanStore, StoreError};

use crate::history::TREND_SCANS;

/// Builds the rollup of `accounts` from their scans in `store` started at or after `since`.
pub async fn from_history(
    store: &dyn ScanStore,
    accounts: &[OrgAccount],
    since: DateTime<Utc>,
    run_id: &str,
) -> Result<OrgRollup, StoreError> {
    let mut builder = RollupBuilder::new();
    for account in accounts {
        let span = tracing::info_span!("account", account = %account.id);
        async {
            let records = store.list(Some(&account.id), TREND_SCANS * 4).await?;
            let Some((latest, earlier)) = latest_since(&records, since) else {
                builder.unscanned(
                    account,
                    format!(
                        "no scan of this account recorded since {} (its task did not run, or failed before it could record one)",
                        since.format("%Y-%m-%d %H:%M UTC")
                    ),
                );
                return Ok(());
            };
            match latest.status {
                ScanStatus::Failed => builder.unscanned(
                    account,
                    latest
                        .error
                        .clone()
                        .unwrap_or_else(|| "the scan failed".to_string()),
                ),
                ScanStatus::Running => builder.unscanned(
                    account,
                    format!("scan {} was still running", latest.scan_id),
                ),
                ScanStatus::Succeeded | ScanStatus::Partial => {
                    let findings = store.findings(&latest.scan_id).await?;
                    builder.scanned(account, latest, &findings, trend(latest, earlier));
                }
            }
            Ok::<(), StoreError>(())
        }
        .instrument(span)
        .await?;
    }
    Ok(builder.finish(run_id, Utc::now()))
}

/// The newest scan started at or after `since`, and the scans before it.
fn latest_since(
    records: &[ScanRecord],
    since: DateTime<Utc>,
) -> Option<(&ScanRecord, &[ScanRecord])> {
    // `list` answers newest first.
    let i = records.iter().position(|r| r.started_at >= since)?;
    Some((&records[i], &records[i + 1..]))
}

/// The overall scores of the finished scans before `latest` from the same source, oldest first.
fn trend(latest: &ScanRecord, earlier: &[ScanRecord]) -> Vec<u8> {
    let source = |r: &ScanRecord| r.scope.as_ref().map(|s| s.source);
    let mut scores: Vec<u8> = earlier
        .iter()
        .filter(|r| matches!(r.status, ScanStatus::Succeeded | ScanStatus::Partial))
        .filter(|r| source(r) == source(latest))
        .filter_map(|r| r.overall_score)
        .take(TREND_SCANS - 1)
        .collect();
    scores.reverse();
    scores
}
