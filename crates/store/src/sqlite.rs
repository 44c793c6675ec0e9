//! The embedded history: one SQLite file in WAL mode, so a reader never blocks the scan that
//! is writing and two writers wait for each other instead of failing.
//!
//! Schema (version in `PRAGMA user_version`, raised by [`MIGRATIONS`]):
//! - `scans`: one row per scan, keyed by scan id, indexed by account and start time;
//! - `scans`'s `scope` column: what the scan looked at (source, regions, gaps) as JSON;
//! - `findings`: one row per finding, keyed by scan, check, region, resource kind and id;
//! - `resources`: the resources each scan saw, keyed by scan, region, kind and id.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use wellscan_model::{PillarScore, ResourceKey, ScanRecord, ScanStatus, Severity, StoredFinding};

use crate::{ScanStore, StoreError};

/// Each step takes the schema from its index to the next version.
const MIGRATIONS: &[&str] = &["CREATE TABLE scans (
        scan_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        error TEXT,
        overall_score INTEGER,
        pillars TEXT NOT NULL,
        findings INTEGER NOT NULL,
        savings REAL NOT NULL,
        coverage_gaps INTEGER NOT NULL,
        reports TEXT NOT NULL
    );
    CREATE INDEX scans_by_account ON scans (account_id, started_at);
    CREATE INDEX scans_by_time ON scans (started_at);
    CREATE TABLE findings (
        scan_id TEXT NOT NULL REFERENCES scans (scan_id) ON DELETE CASCADE,
        check_id TEXT NOT NULL,
        region TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        pillar TEXT NOT NULL,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        resource_name TEXT NOT NULL,
        savings REAL,
        PRIMARY KEY (scan_id, check_id, region, resource_id)
    ) WITHOUT ROWID;
    CREATE TABLE resources (
        scan_id TEXT NOT NULL REFERENCES scans (scan_id) ON DELETE CASCADE,
        region TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        PRIMARY KEY (scan_id, region, resource_id)
    ) WITHOUT ROWID;",
    // 2: what each scan looked at; findings and resources keyed by kind too, since an IAM
    // user and an IAM role may share a name.
    "ALTER TABLE scans ADD COLUMN scope TEXT;
    CREATE TABLE findings_v2 (
        scan_id TEXT NOT NULL REFERENCES scans (scan_id) ON DELETE CASCADE,
        check_id TEXT NOT NULL,
        region TEXT NOT NULL,
        resource_kind TEXT NOT NULL DEFAULT '',
        resource_id TEXT NOT NULL,
        pillar TEXT NOT NULL,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        resource_name TEXT NOT NULL,
        savings REAL,
        PRIMARY KEY (scan_id, check_id, region, resource_kind, resource_id)
    ) WITHOUT ROWID;
    INSERT INTO findings_v2 (scan_id, check_id, region, resource_id, pillar, severity, title, resource_name, savings)
        SELECT scan_id, check_id, region, resource_id, pillar, severity, title, resource_name, savings FROM findings;
    DROP TABLE findings;
    ALTER TABLE findings_v2 RENAME TO findings;
    CREATE TABLE resources_v2 (
        scan_id TEXT NOT NULL REFERENCES scans (scan_id) ON DELETE CASCADE,
        region TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT '',
        resource_id TEXT NOT NULL,
        PRIMARY KEY (scan_id, region, kind, resource_id)
    ) WITHOUT ROWID;
    INSERT INTO resources_v2 (scan_id, region, resource_id) SELECT scan_id, region, resource_id FROM resources;
    DROP TABLE resources;
    ALTER TABLE resources_v2 RENAME TO resources;"];

/// The history in a SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    path: PathBuf,
    conn: Arc<Mutex<Connection>>,
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

impl SqliteStore {
    /// Opens (creating if needed) the history at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let fail = |source| StoreError::Sqlite {
            path: path.display().to_string(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_dir(dir).map_err(|e| StoreError::Backend(format!("{}: {e}", dir.display())))?;
        }
        // Created readable by its owner only, before SQLite opens it (its journal and WAL
        // files take the database's permissions).
        private_file(path).map_err(|e| StoreError::Backend(format!("{}: {e}", path.display())))?;
        let conn = Connection::open(path).map_err(fail)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(fail)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(fail)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(fail)?;
        let store = SqliteStore {
            path: path.to_path_buf(),
            conn: Arc::new(Mutex::new(conn)),
        };
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&self) -> Result<(), StoreError> {
        self.with(|conn| {
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let known = MIGRATIONS.len() as i64;
            if version > known {
                return Ok(Err(StoreError::NewerSchema {
                    path: String::new(),
                    found: version,
                    known,
                }));
            }
            for (i, step) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                let tx = conn.transaction()?;
                tx.execute_batch(step)?;
                tx.pragma_update(None, "user_version", i as i64 + 1)?;
                tx.commit()?;
            }
            Ok(Ok(()))
        })?
        .map_err(|e| match e {
            StoreError::NewerSchema { found, known, .. } => StoreError::NewerSchema {
                path: self.path.display().to_string(),
                found,
                known,
            },
            other => other,
        })
    }

    /// Runs `f` on the connection, turning SQLite errors into [`StoreError::Sqlite`].
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let mut conn = self
            .conn
            .lock()
            .map_err(|_| StoreError::Backend("the history connection was poisoned".into()))?;
        f(&mut conn).map_err(|source| StoreError::Sqlite {
            path: self.path.display().to_string(),
            source,
        })
    }

    /// Runs `f` on a blocking thread: SQLite calls must not hold up the async workers.
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&SqliteStore) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || f(&store))
            .await
            .map_err(|e| StoreError::Backend(format!("history thread: {e}")))?
    }
}

fn conflict(scan_id: &str, reason: &str) -> StoreError {
    StoreError::Conflict {
        scan_id: scan_id.to_string(),
        reason: reason.to_string(),
    }
}

fn read_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawRecord> {
    Ok(RawRecord {
        scan_id: row.get(0)?,
        account_id: row.get(1)?,
        started_at: row.get(2)?,
        finished_at: row.get(3)?,
        status: row.get(4)?,
        error: row.get(5)?,
        overall_score: row.get(6)?,
        pillars: row.get(7)?,
        findings: row.get(8)?,
        savings: row.get(9)?,
        coverage_gaps: row.get(10)?,
        reports: row.get(11)?,
        scope: row.get(12)?,
    })
}

const RECORD_COLUMNS: &str = "scan_id, account_id, started_at, finished_at, status, error, overall_score, pillars, findings, savings, coverage_gaps, reports, scope";

/// A `scans` row as SQLite holds it.
struct RawRecord {
    scan_id: String,
    account_id: String,
    started_at: String,
    finished_at: Option<String>,
    status: String,
    error: Option<String>,
    overall_score: Option<u8>,
    pillars: String,
    findings: i64,
    savings: f64,
    coverage_gaps: i64,
    reports: String,
    scope: Option<String>,
}

/// Creates `dir` and its missing parents as 0700; existing folders are left as they are.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates the database file as 0600 when it does not exist yet.
fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("time {s:?}: {e}")))
}

impl RawRecord {
    fn into_record(self) -> Result<ScanRecord, StoreError> {
        let corrupt = |what: &str, e: serde_json::Error| {
            StoreError::Corrupt(format!("{what} of {}: {e}", self.scan_id))
        };
        let pillars: Vec<PillarScore> =
            serde_json::from_str(&self.pillars).map_err(|e| corrupt("pillars", e))?;
        let reports: Vec<String> =
            serde_json::from_str(&self.reports).map_err(|e| corrupt("reports", e))?;
        let scope = match &self.scope {
            Some(text) => Some(serde_json::from_str(text).map_err(|e| corrupt("scope", e))?),
            None => None,
        };
        Ok(ScanRecord {
            status: ScanStatus::parse(&self.status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", self.status)))?,
            started_at: parse_time(&self.started_at)?,
            finished_at: self.finished_at.as_deref().map(parse_time).transpose()?,
            findings: usize::try_from(self.findings).unwrap_or(0),
            coverage_gaps: usize::try_from(self.coverage_gaps).unwrap_or(0),
            monthly_savings_usd: self.savings,
            overall_score: self.overall_score,
            error: self.error,
            pillars,
            reports,
            scope,
            account_id: self.account_id,
            scan_id: self.scan_id,
        })
    }
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

fn enum_id<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn enum_from<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|e| StoreError::Corrupt(format!("{s:?}: {e}")))
}

impl SqliteStore {
    fn insert_running(&self, r: &ScanRecord) -> Result<(), StoreError> {
        let inserted = self.with(|conn| {
            conn.execute(
                &format!("INSERT OR IGNORE INTO scans ({RECORD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
                params![
                    r.scan_id, r.account_id, time(r.started_at), r.finished_at.map(time), r.status.id(),
                    r.error, r.overall_score, json(&r.pillars), r.findings as i64, r.monthly_savings_usd,
                    r.coverage_gaps as i64, json(&r.reports), r.scope.as_ref().map(json)
                ],
            )
        })?;
        if inserted == 0 {
            return Err(conflict(&r.scan_id, "already recorded"));
        }
        Ok(())
    }

    fn write_complete(
        &self,
        r: &ScanRecord,
        findings: &[StoredFinding],
        resources: &[ResourceKey],
    ) -> Result<(), StoreError> {
        let updated = self.with(|conn| {
            let tx = conn.transaction()?;
            let updated = tx.execute(
                "UPDATE scans SET finished_at = ?2, status = ?3, error = ?4, overall_score = ?5, pillars = ?6,
                 findings = ?7, savings = ?8, coverage_gaps = ?9, reports = ?10, scope = ?11
                 WHERE scan_id = ?1 AND status = 'running'",
                params![
                    r.scan_id, r.finished_at.map(time), r.status.id(), r.error, r.overall_score,
                    json(&r.pillars), r.findings as i64, r.monthly_savings_usd, r.coverage_gaps as i64,
                    json(&r.reports), r.scope.as_ref().map(json)
                ],
            )?;
            if updated == 1 {
                let mut add = tx.prepare(
                    "INSERT OR REPLACE INTO findings (scan_id, check_id, region, resource_id, pillar,
                     severity, title, resource_name, savings, resource_kind)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?;
                for f in findings {
                    add.execute(params![
                        r.scan_id, f.check_id, f.region, f.resource_id, f.pillar.id(),
                        enum_id(&f.severity), f.title, f.resource_name, f.monthly_savings_usd,
                        f.resource_kind
                    ])?;
                }
                let mut seen = tx.prepare(
                    "INSERT OR IGNORE INTO resources (scan_id, region, resource_id, kind) VALUES (?1, ?2, ?3, ?4)",
                )?;
                for res in resources {
                    seen.execute(params![r.scan_id, res.region, res.resource_id, res.kind])?;
                }
                drop(add);
                drop(seen);
                tx.commit()?;
            }
            Ok(updated)
        })?;
        if updated == 0 {
            return Err(conflict(
                &r.scan_id,
                "is not running (unknown, finished or failed)",
            ));
        }
        Ok(())
    }
}

#[async_trait]
impl ScanStore for SqliteStore {
    async fn begin(&self, record: &ScanRecord) -> Result<(), StoreError> {
        let record = record.clone();
        self.blocking(move |s| s.insert_running(&record)).await
    }

    async fn complete(
        &self,
        record: &ScanRecord,
        findings: &[StoredFinding],
        resources: &[ResourceKey],
    ) -> Result<(), StoreError> {
        let (record, findings, resources) = (record.clone(), findings.to_vec(), resources.to_vec());
        self.blocking(move |s| s.write_complete(&record, &findings, &resources))
            .await
    }

    async fn fail(&self, scan_id: &str, error: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let (id, error) = (scan_id.to_string(), error.to_string());
        self.blocking(move |s| {
            let n = s.with(|c| {
                c.execute(
                    "UPDATE scans SET status = 'failed', error = ?2, finished_at = ?3 WHERE scan_id = ?1 AND status = 'running'",
                    params![id, error, time(at)],
                )
            })?;
            if n == 0 {
                return Err(conflict(&id, "is not running (unknown, finished or failed)"));
            }
            Ok(())
        })
        .await
    }

    async fn recover_stale(
        &self,
        started_before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, StoreError> {
        self.blocking(move |s| {
            s.with(|c| {
                let mut stmt = c.prepare(
                    "UPDATE scans SET status = 'failed', finished_at = ?2,
                     error = 'interrupted: the scan stopped without finishing (Ctrl-C or a crash)'
                     WHERE status = 'running' AND started_at < ?1 RETURNING scan_id",
                )?;
                let ids = stmt
                    .query_map(params![time(started_before), time(now)], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()?;
                Ok(ids)
            })
        })
        .await
    }

    async fn get(&self, scan_id: &str) -> Result<Option<ScanRecord>, StoreError> {
        let id = scan_id.to_string();
        self.blocking(move |s| {
            let raw = s.with(|c| {
                c.query_row(
                    &format!("SELECT {RECORD_COLUMNS} FROM scans WHERE scan_id = ?1"),
                    [id],
                    read_record,
                )
                .optional()
            })?;
            raw.map(RawRecord::into_record).transpose()
        })
        .await
    }

    async fn list(
        &self,
        account_id: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ScanRecord>, StoreError> {
        let account = account_id.map(str::to_string);
        self.blocking(move |s| {
            let raws = s.with(|c| {
                let limit = i64::try_from(limit).unwrap_or(i64::MAX);
                match &account {
                    Some(a) => c
                        .prepare(&format!("SELECT {RECORD_COLUMNS} FROM scans WHERE account_id = ?1 ORDER BY started_at DESC, scan_id DESC LIMIT ?2"))?
                        .query_map(params![a, limit], read_record)?
                        .collect::<rusqlite::Result<Vec<_>>>(),
                    None => c
                        .prepare(&format!("SELECT {RECORD_COLUMNS} FROM scans ORDER BY started_at DESC, scan_id DESC LIMIT ?1"))?
                        .query_map(params![limit], read_record)?
                        .collect::<rusqlite::Result<Vec<_>>>(),
                }
            })?;
            raws.into_iter().map(RawRecord::into_record).collect()
        })
        .await
    }

    async fn findings(&self, scan_id: &str) -> Result<Vec<StoredFinding>, StoreError> {
        let id = scan_id.to_string();
        self.blocking(move |s| {
            let rows = s.with(|c| {
                c.prepare(
                    "SELECT check_id, region, resource_id, pillar, severity, title, resource_name, savings,
                     resource_kind FROM findings WHERE scan_id = ?1 ORDER BY check_id, region, resource_id",
                )?
                .query_map([id], |r| {
                    Ok((
                        r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?, r.get::<_, Option<f64>>(7)?, r.get::<_, String>(8)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })?;
            rows.into_iter()
                .map(|(check_id, region, resource_id, pillar, severity, title, resource_name, savings, resource_kind)| {
                    Ok(StoredFinding {
                        pillar: enum_from(&pillar)?,
                        severity: enum_from::<Severity>(&severity)?,
                        check_id,
                        region,
                        resource_id,
                        resource_kind,
                        title,
                        resource_name,
                        monthly_savings_usd: savings,
                    })
                })
                .collect()
        })
        .await
    }

    async fn resources(&self, scan_id: &str) -> Result<Vec<ResourceKey>, StoreError> {
        let id = scan_id.to_string();
        self.blocking(move |s| {
            s.with(|c| {
                c.prepare("SELECT region, resource_id, kind FROM resources WHERE scan_id = ?1 ORDER BY region, resource_id, kind")?
                    .query_map([id], |r| Ok(ResourceKey { region: r.get(0)?, resource_id: r.get(1)?, kind: r.get(2)? }))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_history_written_by_the_first_schema_opens_with_its_scans_intact() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch(MIGRATIONS[0]).expect("first schema");
            conn.execute_batch(
                "INSERT INTO scans VALUES ('s1', '123456789012', '2026-01-01T00:00:00.000000Z',
                   '2026-01-01T00:05:00.000000Z', 'succeeded', NULL, 80, '[]', 1, 0, 0, '[]');
                 INSERT INTO findings VALUES ('s1', 'iam.access_key_old', 'global', 'deploy',
                   'security', 'medium', 'Old key', 'deploy', NULL);
                 INSERT INTO resources VALUES ('s1', 'global', 'deploy');
                 PRAGMA user_version = 1;",
            )
            .expect("old rows");
        }
        let store = SqliteStore::open(&path).expect("migrates");
        let record = store.get("s1").await.expect("get").expect("kept");
        assert_eq!(record.overall_score, Some(80));
        assert_eq!(record.scope, None);
        let findings = store.findings("s1").await.expect("findings");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].resource_kind, "");
        let resources = store.resources("s1").await.expect("resources");
        assert_eq!(resources[0].resource_id, "deploy");
        assert_eq!(resources[0].kind, "");
    }
}
