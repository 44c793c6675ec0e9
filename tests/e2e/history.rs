//! The orchestrator records every scan: finished ones with their findings and reports, failed
//! ones with the error; a history that cannot be written never fails the scan.

use std::sync::Arc;
use std::time::Duration;

use wellscan_agents::Offline;
use wellscan_model::ScanStatus;
use wellscan_orchestrator::{InventorySource, Services};
use wellscan_report::{Format, LocalDir};
use wellscan_store::{ScanStore, SqliteStore};

fn services(out: &std::path::Path, history: Arc<dyn ScanStore>) -> Services {
    Services {
        analyst: Arc::new(Offline),
        publisher: Arc::new(LocalDir::new(out)),
        upload: None,
        history: Some(history),
    }
}

#[tokio::test]
async fn a_finished_scan_is_recorded_with_its_findings_and_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(SqliteStore::open(&dir.path().join("h.db")).expect("open"));
    let plan = crate::plan(
        InventorySource::Demo,
        vec![Format::Json],
        Duration::from_secs(30),
    );
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let outcome = wellscan_orchestrator::run(
        &plan,
        &services(&dir.path().join("out"), store.clone()),
        &tx,
    )
    .await
    .expect("scan");
    assert_eq!(outcome.history_error, None);
    let record = store
        .get(&plan.scan_id)
        .await
        .expect("get")
        .expect("recorded");
    assert_eq!(record.status, ScanStatus::Succeeded);
    assert_eq!(record.overall_score, Some(outcome.assessment.overall_score));
    assert_eq!(record.findings, outcome.assessment.findings.len());
    assert!(
        record
            .reports
            .iter()
            .any(|r| r.ends_with("assessment.json")),
        "{:?}",
        record.reports
    );
    let findings = store.findings(&plan.scan_id).await.expect("findings");
    assert_eq!(findings.len(), outcome.assessment.findings.len());
    assert!(
        findings
            .iter()
            .any(|f| f.resource_name.contains("請求バッチサーバー"))
    );
    let resources = store.resources(&plan.scan_id).await.expect("resources");
    assert_eq!(resources.len(), outcome.assessment.scan.resources);
}

#[tokio::test]
async fn a_scan_that_fails_is_recorded_failed_with_its_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(SqliteStore::open(&dir.path().join("h.db")).expect("open"));
    // The output "folder" is a file: publishing the reports fails.
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "x").expect("write");
    let plan = crate::plan(
        InventorySource::Demo,
        vec![Format::Json],
        Duration::from_secs(30),
    );
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let result = wellscan_orchestrator::run(&plan, &services(&blocked, store.clone()), &tx).await;
    let error = result.expect_err("publishing fails").to_string();
    let record = store
        .get(&plan.scan_id)
        .await
        .expect("get")
        .expect("recorded");
    assert_eq!(record.status, ScanStatus::Failed);
    assert_eq!(record.error.as_deref(), Some(error.as_str()));
}

#[tokio::test]
async fn a_history_that_refuses_the_record_does_not_fail_the_scan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(SqliteStore::open(&dir.path().join("h.db")).expect("open"));
    let plan = crate::plan(
        InventorySource::Demo,
        vec![Format::Json],
        Duration::from_secs(30),
    );
    // The same scan id recorded before: the history refuses to overwrite it.
    store
        .begin(&wellscan_model::ScanRecord::running(
            &plan.scan_id,
            "123456789012",
            chrono::Utc::now(),
        ))
        .await
        .expect("begin");
    store
        .fail(&plan.scan_id, "earlier", chrono::Utc::now())
        .await
        .expect("fail");
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let outcome = wellscan_orchestrator::run(
        &plan,
        &services(&dir.path().join("out"), store.clone()),
        &tx,
    )
    .await
    .expect("the scan still succeeds");
    let error = outcome.history_error.expect("the refusal is reported");
    assert!(error.contains("already recorded"), "{error}");
    assert!(dir.path().join("out/assessment.json").is_file());
}
