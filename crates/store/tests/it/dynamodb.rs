//! The contract on DynamoDB (moto, through the real SDK client), and DynamoDB's own promises:
//! a scan far past the 400 KB item limit, and writers racing to complete one scan.

use std::sync::Arc;

use wellscan_model::{ScanRecord, ScanStatus};
use wellscan_store::{DynamoStore, ScanStore, StoreError};
use wellscan_testkit::MotoServer;

use crate::contract;

async fn fresh(moto: &MotoServer, table: &str) -> DynamoStore {
    let sdk = wellscan_testkit::sdk_config(&moto.endpoint(), "eu-west-1").await;
    let store = DynamoStore::new(aws_sdk_dynamodb::Client::new(&sdk), table);
    store.create_table().await.expect("create the table");
    store
}

fn moto() -> MotoServer {
    MotoServer::start().expect("moto starts")
}

#[tokio::test]
async fn round_trip() {
    let moto = moto();
    contract::a_scan_moves_from_running_to_succeeded_with_everything_kept(
        &fresh(&moto, "t1").await,
    )
    .await;
}

#[tokio::test]
async fn conditional_writes() {
    let moto = moto();
    contract::writes_that_would_corrupt_a_record_are_refused(&fresh(&moto, "t2").await).await;
}

#[tokio::test]
async fn stale_scans() {
    let moto = moto();
    contract::stale_running_scans_become_failed(&fresh(&moto, "t3").await).await;
}

#[tokio::test]
async fn listing() {
    let moto = moto();
    contract::history_lists_newest_first_per_account(&fresh(&moto, "t4").await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_one_of_two_racing_writers_completes_a_scan() {
    let moto = moto();
    let store: Arc<dyn ScanStore> = Arc::new(fresh(&moto, "t5").await);
    store
        .begin(&ScanRecord::running(
            "race",
            contract::ACCOUNT,
            contract::at(0),
        ))
        .await
        .expect("begin");
    let mut writers = Vec::new();
    for n in [100, 200] {
        let store = Arc::clone(&store);
        writers.push(tokio::spawn(async move {
            let record = contract::finished("race", contract::ACCOUNT, 0, n);
            let f = contract::findings(n);
            store.complete(&record, &f, &contract::resources(&f)).await
        }));
    }
    let mut results = Vec::new();
    for w in writers {
        results.push(w.await.expect("writer"));
    }
    let won: Vec<&Result<(), StoreError>> = results.iter().filter(|r| r.is_ok()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(StoreError::Conflict { .. })))
    );
    let record = store.get("race").await.expect("get").expect("kept");
    assert_eq!(record.status, ScanStatus::Succeeded);
    // The findings are the winner's, whole.
    assert_eq!(
        store.findings("race").await.expect("findings").len(),
        record.findings
    );
}
