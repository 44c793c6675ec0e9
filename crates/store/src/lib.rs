//! wellscan's scan history. Every scan is recorded through a [`ScanStore`]: begun as
//! `running`, then completed (`succeeded`, or `partial` with coverage gaps) with its findings
//! and the resources it saw, or `failed` with the error. [`diff`] says what changed between two
//! scans of one account.
//!
//! Two stores pass one contract suite (`tests/it/contract.rs`): [`SqliteStore`], the embedded
//! default (one file, WAL mode, versioned migrations), and [`DynamoStore`] for deployments (one
//! table; its key design and access patterns are documented in `dynamodb.rs`).
//!
//! Findings are matched across scans by check id and resource id within the resource's region,
//! the same triple a finding's stable id is made of.

mod accounts;
mod compare;
mod diff;
mod dynamodb;
mod sqlite;

pub use accounts::{AccountSummary, TREND_SCANS, summarize};
pub use compare::{CompareError, compare, pick};
pub use diff::{Snapshot, diff};
pub use dynamodb::{CHUNK_BYTES, DynamoStore};
pub use sqlite::SqliteStore;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use wellscan_model::{ResourceKey, ScanRecord, StoredFinding};

/// Why the history could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no scan {0} in the history")]
    NotFound(String),
    #[error("scan {scan_id}: {reason}")]
    Conflict { scan_id: String, reason: String },
    #[error("the history database {path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "the history database {path} has schema version {found}; this wellscan knows up to {known}: upgrade wellscan"
    )]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("a stored value could not be read: {0}")]
    Corrupt(String),
    #[error("the history store failed: {0}")]
    Backend(String),
}

/// Where scans are kept.
#[async_trait]
pub trait ScanStore: Send + Sync {
    /// Records a scan that has started. Refused if a scan with this id exists.
    async fn begin(&self, record: &ScanRecord) -> Result<(), StoreError>;

    /// Records a finished scan with its findings and the resources it saw. Refused unless the
    /// scan is recorded as running.
    async fn complete(
        &self,
        record: &ScanRecord,
        findings: &[StoredFinding],
        resources: &[ResourceKey],
    ) -> Result<(), StoreError>;

    /// Marks a running scan failed with `error`.
    async fn fail(&self, scan_id: &str, error: &str, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Marks every scan still running that started before `started_before` as failed (it was
    /// interrupted); returns their ids.
    async fn recover_stale(
        &self,
        started_before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, StoreError>;

    async fn get(&self, scan_id: &str) -> Result<Option<ScanRecord>, StoreError>;

    /// Scans newest first, of one account or all, at most `limit`.
    async fn list(
        &self,
        account_id: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ScanRecord>, StoreError>;

    async fn findings(&self, scan_id: &str) -> Result<Vec<StoredFinding>, StoreError>;

    async fn resources(&self, scan_id: &str) -> Result<Vec<ResourceKey>, StoreError>;
}
