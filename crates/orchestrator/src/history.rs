//! Recording each scan in the history store. The history never decides a scan's fate: a store
//! that cannot be written is reported in [`crate::ScanOutcome::history_error`] and the scan
//! carries on.

use chrono::{DateTime, Utc};
use wellscan_model::{Assessment, Inventory, ResourceKey, ScanRecord, StoredFinding};
use wellscan_report::Published;
use wellscan_store::ScanStore;

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

/// Records the finished scan with its findings, the resources it saw and where its reports are.
pub async fn complete(
    store: &dyn ScanStore,
    a: &Assessment,
    inventory: &Inventory,
    reports: &[&Published],
) -> Option<String> {
    // A presigned link expires and carries a signature: keep the object's address only.
    let locations = reports
        .iter()
        .map(|p| p.location.split('?').next().unwrap_or_default().to_string())
        .collect();
    let record = ScanRecord::finished(a, locations);
    let findings: Vec<StoredFinding> = a.findings.iter().map(StoredFinding::from).collect();
    let resources: Vec<ResourceKey> = inventory
        .resources
        .iter()
        .map(|r| ResourceKey {
            resource_id: r.id().to_string(),
            region: r.region().to_string(),
        })
        .collect();
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
