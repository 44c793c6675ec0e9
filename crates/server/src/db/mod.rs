//! The service's own records: API tokens (their hashes only), the audit log, browser sessions,
//! the service's settings, schedules, and the scans it queued. The scan history itself stays in
//! the `ScanStore` the CLI uses.
//!
//! [`Records`] is what the service asks of them; they live where the history lives:
//! - [`SqliteRecords`]: `server.db` in `--data-dir`, beside a SQLite history (the embedded
//!   default);
//! - [`DynamoRecords`]: items in the history's DynamoDB table (`--store dynamodb://TABLE`), so
//!   a replaced task, or `wellscan token` run from an operator's machine, sees the same tokens,
//!   audit log, jobs and schedules.
//!
//! Both keep the same rules, held by one test run against each: a finished job never changes
//! again, a revoked token stays revoked, an expired session is never returned.

mod dynamodb;
mod sqlite;

pub use dynamodb::DynamoRecords;
pub use sqlite::SqliteRecords;

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::{Principal, Role};
use crate::jobs::{JobStatus, ScanRequest};
use crate::schedules::Schedule;

/// Why the service's records could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the service database {path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "the service database {path} has schema version {found}; this wellscan knows up to {known}: upgrade wellscan"
    )]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("the service's records in the DynamoDB table {table}: {what}: {message}")]
    Dynamo {
        table: String,
        what: String,
        message: String,
    },
    #[error("a stored value could not be read: {0}")]
    Corrupt(String),
}

/// An API token as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// A scan the service queued, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobRow {
    pub id: String,
    pub requested_by: String,
    pub request: ScanRequest,
    pub account_id: Option<String>,
    pub status: JobStatus,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub error: Option<String>,
    pub progress: Option<serde_json::Value>,
}

/// A token's last use is written at most this often: a write per request would make every
/// read wait on the store.
pub const LAST_USED_EVERY_SECONDS: i64 = 60;

/// The service's records, wherever they live.
#[async_trait]
pub trait Records: Send + Sync + std::fmt::Debug {
    // ---- tokens ----
    async fn insert_token(&self, info: &TokenInfo, hash: &str) -> Result<(), DbError>;
    /// The live token whose secret hashes to `hash`, marked used now (at most once every
    /// [`LAST_USED_EVERY_SECONDS`]).
    async fn token_by_hash(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<TokenInfo>, DbError>;
    async fn token(&self, id: &str) -> Result<Option<TokenInfo>, DbError>;
    /// Every token, oldest first.
    async fn tokens(&self) -> Result<Vec<TokenInfo>, DbError>;
    /// Revokes a live token; false when there is no such live token.
    async fn revoke_token(&self, id: &str, now: DateTime<Utc>) -> Result<bool, DbError>;
    async fn any_token(&self) -> Result<bool, DbError>;

    // ---- settings ----
    /// The setting `name`; `value` is stored first when there is none yet.
    async fn setting_or(&self, name: &str, value: String) -> Result<String, DbError>;

    // ---- schedules ----
    async fn put_schedule(&self, schedule: &Schedule) -> Result<(), DbError>;
    async fn delete_schedule(&self, id: &str) -> Result<bool, DbError>;
    /// Every schedule, or those due at `due_by`, soonest first.
    async fn schedules(&self, due_by: Option<DateTime<Utc>>) -> Result<Vec<Schedule>, DbError>;

    // ---- sessions ----
    /// Records a session (and forgets sessions that have ended).
    async fn insert_session(
        &self,
        hash: &str,
        principal: &Principal,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), DbError>;
    /// The caller of a live session.
    async fn session(&self, hash: &str, now: DateTime<Utc>) -> Result<Option<Principal>, DbError>;
    async fn delete_session(&self, hash: &str) -> Result<(), DbError>;

    // ---- audit ----
    async fn audit(&self, entry: &AuditEntry) -> Result<(), DbError>;
    /// The newest `limit` entries, newest first.
    async fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, DbError>;

    // ---- jobs ----
    async fn insert_job(&self, job: &JobRow) -> Result<(), DbError>;
    /// Marks a queued job running.
    async fn job_started(&self, id: &str, at: DateTime<Utc>) -> Result<(), DbError>;
    async fn job_progress(
        &self,
        id: &str,
        account_id: Option<&str>,
        progress: &serde_json::Value,
    ) -> Result<(), DbError>;
    /// Ends a job that is still queued or running; a finished job is never changed again.
    async fn job_finished(
        &self,
        id: &str,
        status: JobStatus,
        error: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<bool, DbError>;
    /// Every job still queued or running: what a restart found interrupted.
    async fn unfinished_jobs(&self) -> Result<Vec<JobRow>, DbError>;
    async fn job(&self, id: &str) -> Result<Option<JobRow>, DbError>;
    /// Jobs newest first.
    async fn jobs(&self, limit: usize, offset: usize) -> Result<Vec<JobRow>, DbError>;
}

/// A time as both stores write it: sortable as text.
fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, DbError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| DbError::Corrupt(format!("time {s:?}: {e}")))
}

fn parse_opt_time(s: Option<String>) -> Result<Option<DateTime<Utc>>, DbError> {
    s.as_deref().map(parse_time).transpose()
}

/// Whether a token last used at `last` should be marked used at `now`.
fn stale_use(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last.is_none_or(|at| now - at > chrono::Duration::seconds(LAST_USED_EVERY_SECONDS))
}

#[cfg(test)]
mod tests;
