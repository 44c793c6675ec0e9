//! Recording each scan in the history store. The history never decides a scan's fate: a store
//! that cannot be written is reported in [`crate::ScanOutcome::history_error`] and the scan
//! carries on.

use chrono::{DateTime, Utc};
use wellscan_model::{
    Assessment, Inventory, ResourceKey, ScanRecord, ScanSource, ScanStatus, SinceLast,
    StoredFinding, TrendPoint,
};
use wellscan_report::Published;
use wellscan_store::{ScanStore, Snapshot, StoreError};

/// How many scans the trend shows, this one included.
pub use wellscan_store::TREND_SCANS;

/// Records the scan as running; returns why it could not.
pub async fn begin(
    store: &dyn ScanStore,
    scan_id: &str,
    account_id: &str,
    started_at: DateTime<Utc>,
) -> Option<String> {
    let record = ScanRecord::running(scan_id, account_id, started_at);
    store.begin(&record).await.err().map(|e| e.to_string())
}

/// The scan against the account's history: the diff with its previous finished scan of the
/// same source and the scores of the last [`TREND_SCANS`] such scans. A demo or a replayed
/// file never becomes a live account's baseline, nor the other way round.
pub async fn since_last(
    store: &dyn ScanStore,
    a: &Assessment,
    inventory: &Inventory,
) -> Result<SinceLast, StoreError> {
    let earlier: Vec<ScanRecord> = store
        .list(Some(&a.scan.account_id), TREND_SCANS * 4)
        .await?
        .into_iter()
        .filter(|r| r.scan_id != a.scan.id)
        .filter(|r| matches!(r.status, ScanStatus::Succeeded | ScanStatus::Partial))
        .filter(|r| same_source(r, a.scan.source))
        .take(TREND_SCANS - 1)
        .collect();
    let current = ScanRecord::finished(a, Vec::new());
    let diff = match earlier.first() {
        Some(previous) => {
            let before = Snapshot::load(store, &previous.scan_id).await?;
            let now = Snapshot {
                record: current.clone(),
                findings: a.findings.iter().map(StoredFinding::from).collect(),
                resources: resource_keys(inventory),
            };
            Some(wellscan_store::diff(&before, &now))
        }
        None => None,
    };
    let trend = earlier
        .iter()
        .rev()
        .chain(std::iter::once(&current))
        .map(|r| TrendPoint {
            scan_id: r.scan_id.clone(),
            started_at: r.started_at,
            overall_score: r.overall_score.unwrap_or(0),
            pillars: r.pillars.clone(),
        })
        .collect();
    Ok(SinceLast { diff, trend })
}

/// Records of an older wellscan carry no source: they were live or demo scans, told apart by
/// nothing, so they count as live.
fn same_source(r: &ScanRecord, source: ScanSource) -> bool {
    r.scope.as_ref().map_or(ScanSource::Live, |s| s.source) == source
}

fn resource_keys(inventory: &Inventory) -> Vec<ResourceKey> {
    inventory
        .resources
        .iter()
        .map(|r| ResourceKey {
            resource_id: r.id().to_string(),
            region: r.region().to_string(),
            kind: r.kind().id().to_string(),
        })
        .collect()
}

/// Records the finished scan with its findings, the resources it saw and where its reports are.
pub async fn complete(
    store: &dyn ScanStore,
    a: &Assessment,
    inventory: &Inventory,
    reports: &[&Published],
) -> Option<String> {
    // A presigned link expires and carries a signature: keep the object's address only.
    let locations = reports.iter().map(|p| p.address.clone()).collect();
    let record = ScanRecord::finished(a, locations);
    let findings: Vec<StoredFinding> = a.findings.iter().map(StoredFinding::from).collect();
    let resources = resource_keys(inventory);
    store
        .complete(&record, &findings, &resources)
        .await
        .err()
        .map(|e| e.to_string())
}

/// Records the scan as failed with `error`.
pub async fn fail(store: &dyn ScanStore, scan_id: &str, error: &str) -> Option<String> {
    store
        .fail(scan_id, error, Utc::now())
        .await
        .err()
        .map(|e| e.to_string())
}
