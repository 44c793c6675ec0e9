//! The contract on SQLite in a temporary folder, and SQLite's own promises: concurrent
//! writers, reopening, and refusing a newer schema.

use std::sync::Arc;

use wellscan_store::{ScanStore, SqliteStore, StoreError};

use crate::contract;

fn fresh() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("history.db")).expect("open");
    (dir, store)
}

#[tokio::test]
async fn round_trip() {
    let (_dir, store) = fresh();
    contract::a_scan_moves_from_running_to_succeeded_with_everything_kept(&store).await;
}

#[tokio::test]
async fn conditional_writes() {
    let (_dir, store) = fresh();
    contract::writes_that_would_corrupt_a_record_are_refused(&store).await;
}

#[tokio::test]
async fn stale_scans() {
    let (_dir, store) = fresh();
    contract::stale_running_scans_become_failed(&store).await;
}

#[tokio::test]
async fn listing() {
    let (_dir, store) = fresh();
    contract::history_lists_newest_first_per_account(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("history.db");
    // Two connections to one file, as two wellscan processes would have.
    let first: Arc<dyn ScanStore> = Arc::new(SqliteStore::open(&path).expect("open"));
    let second: Arc<dyn ScanStore> = Arc::new(SqliteStore::open(&path).expect("open"));
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store = if i % 2 == 0 {
            Arc::clone(&first)
        } else {
            Arc::clone(&second)
        };
        tasks.push(tokio::spawn(async move {
            contract::record(
                store.as_ref(),
                &format!("scan-{i:02}"),
                contract::ACCOUNT,
                i,
                500,
            )
            .await;
        }));
    }
    for task in tasks {
        task.await.expect("writer");
    }
    let all = first.list(None, 100).await.expect("list");
    assert_eq!(all.len(), 40);
    for r in &all {
        assert_eq!(
            second.findings(&r.scan_id).await.expect("findings").len(),
            500
        );
    }
}

#[tokio::test]
async fn the_history_survives_reopening_and_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/history.db");
    {
        let store = SqliteStore::open(&path).expect("open creates the folder");
        contract::record(&store, "kept", contract::ACCOUNT, 0, 10).await;
    }
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.findings("kept").await.expect("findings").len(), 10);
    drop(store);

    let conn = rusqlite::Connection::open(&path).expect("raw");
    conn.pragma_update(None, "user_version", 99).expect("bump");
    drop(conn);
    match SqliteStore::open(&path) {
        Err(e @ StoreError::NewerSchema { .. }) => {
            let message = e.to_string();
            assert!(
                message.contains("schema version 99") && message.contains("upgrade wellscan"),
                "{message}"
            );
            assert!(message.contains("history.db"), "{message}");
        }
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
}
