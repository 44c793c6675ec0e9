//! Which two scans a diff compares, as `wellscan diff` and the MCP `diff` tool name them, and
//! the diff itself with its one rule: scans of one account only.

use wellscan_model::{ScanDiff, ScanRecord, ScanStatus};

use crate::{ScanStore, Snapshot, StoreError};

/// Why two scans cannot be compared: the caller's to fix ([`CompareError::Usage`]), or the
/// history's.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// At most this many of an account's scans are read to find its finished ones.
const WINDOW: usize = 1_000;

/// The older and the newer scan to compare: `[older, newer]` as named; `[newer]` against the
/// finished scan before it; none: the latest two finished scans of `account`, or of the
/// account of the latest scan.
pub async fn pick(
    store: &dyn ScanStore,
    scans: &[String],
    account: Option<&str>,
) -> Result<(String, String), CompareError> {
    let usage = |m: String| CompareError::Usage(m);
    let named: Option<&String> = match scans {
        [older, newer] => return Ok((older.clone(), newer.clone())),
        [newer] => Some(newer),
        [] => None,
        _ => return Err(usage("name at most two scans: OLDER NEWER".into())),
    };
    let account = match (account, named) {
        (Some(account), _) => account.to_string(),
        (None, Some(a)) => {
            store
                .get(a)
                .await?
                .ok_or_else(|| usage(format!("no scan {a} in the history")))?
                .account_id
        }
        (None, None) => match store.list(None, 1).await?.first() {
            Some(latest) => latest.account_id.clone(),
            None => {
                return Err(usage(
                    "no scans recorded yet: run `wellscan scan` first".into(),
                ));
            }
        },
    };
    let finished: Vec<ScanRecord> = store
        .list(Some(&account), WINDOW)
        .await?
        .into_iter()
        .filter(|r| matches!(r.status, ScanStatus::Succeeded | ScanStatus::Partial))
        .collect();
    match named {
        Some(a) => {
            let at = finished
                .iter()
                .position(|r| &r.scan_id == a)
                .ok_or_else(|| {
                    usage(format!(
                        "scan {a} is not a finished scan of account {account}"
                    ))
                })?;
            let before = finished.get(at + 1).ok_or_else(|| {
                usage(format!(
                    "scan {a} is the first finished scan of account {account}: nothing to compare with"
                ))
            })?;
            Ok((before.scan_id.clone(), a.clone()))
        }
        None => match finished.as_slice() {
            [newer, older, ..] => Ok((older.scan_id.clone(), newer.scan_id.clone())),
            _ => Err(usage(format!(
                "account {account} has {} finished scan(s) in the history; a diff needs two",
                finished.len()
            ))),
        },
    }
}

/// What changed from scan `older` to scan `newer`, both of one account.
pub async fn compare(
    store: &dyn ScanStore,
    older: &str,
    newer: &str,
) -> Result<ScanDiff, CompareError> {
    let before = load(store, older).await?;
    let after = load(store, newer).await?;
    if before.record.account_id != after.record.account_id {
        return Err(CompareError::Usage(format!(
            "{older} is of account {} and {newer} of account {}: compare scans of one account",
            before.record.account_id, after.record.account_id
        )));
    }
    Ok(crate::diff(&before, &after))
}

async fn load(store: &dyn ScanStore, scan: &str) -> Result<Snapshot, CompareError> {
    match Snapshot::load(store, scan).await {
        Err(StoreError::NotFound(_)) => Err(CompareError::Usage(format!(
            "no scan {scan} in the history"
        ))),
        other => Ok(other?),
    }
}
