//! `server.db` in `--data-dir`: the service's records on the embedded default.
//!
//! Schema (version in `PRAGMA user_version`, raised by [`MIGRATIONS`]):
//! - `tokens`: one row per API token: id, name, role, the SHA-256 of the secret, who made it,
//!   when, when it was revoked and last used;
//! - `audit`: every change anyone made through the service or `wellscan token`: who, what, when;
//! - `sessions`: signed-in browsers, by the SHA-256 of the cookie's secret, with who signed in,
//!   their role and when the session ends;
//! - `settings`: the service's own values, such as the key share links are signed with;
//! - `schedules`: the recurring scans the service starts itself, each as JSON with its next run;
//! - `jobs`: every scan the service queued, what was asked for (never a credential: an account
//!   is a role ARN and an external id), its status and the last progress it reported.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{
    AuditEntry, DbError, JobRow, Records, TokenInfo, parse_opt_time, parse_time, stale_use, time,
};
use crate::auth::Principal;
use crate::jobs::JobStatus;
use crate::schedules::Schedule;

const MIGRATIONS: &[&str] = &[
    "CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
    );
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        requested_by TEXT NOT NULL,
        request TEXT NOT NULL,
        account_id TEXT,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        error TEXT,
        progress TEXT
    );
    CREATE INDEX jobs_by_time ON jobs (created_at);",
    // 2: browser sessions, by the hash of the cookie's secret.
    "CREATE TABLE sessions (
        hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        key TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );",
    // 3: the service's own settings (the key share links are signed with).
    "CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );",
    // 4: schedules the service runs itself (on the embedded default; in AWS, EventBridge
    // Scheduler does).
    "CREATE TABLE schedules (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        next_run_at TEXT NOT NULL
    );
    CREATE INDEX schedules_by_next_run ON schedules (next_run_at);",
];

/// The service's records in one SQLite file, one connection, held only for single statements.
pub struct SqliteRecords {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for SqliteRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteRecords")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteRecords {
    /// Opens (or creates, readable by its owner only) `server.db` in `dir`.
    pub fn open(dir: &Path) -> Result<SqliteRecords, DbError> {
        let path = dir.join("server.db");
        let err = |source| DbError::Sqlite {
            path: path.display().to_string(),
            source,
        };
        if !path.exists() {
            // Created 0600 before SQLite opens it, so no moment exists where others could read.
            create_private(&path).map_err(|e| DbError::Sqlite {
                path: path.display().to_string(),
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
            })?;
        }
        let conn = Connection::open(&path).map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        let known = MIGRATIONS.len() as i64;
        if found > known {
            return Err(DbError::NewerSchema {
                path: path.display().to_string(),
                found,
                known,
            });
        }
        for (version, step) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            conn.execute_batch(&format!(
                "BEGIN; {step}; PRAGMA user_version = {}; COMMIT;",
                version + 1
            ))
            .map_err(err)?;
        }
        Ok(SqliteRecords {
            path,
            conn: Mutex::new(conn),
        })
    }

    fn jobs_where(
        &self,
        condition: &str,
        arg: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<JobRow>, DbError> {
        let sql = format!(
            "SELECT id, requested_by, request, account_id, status, created_at, started_at, finished_at, error, progress
             FROM jobs WHERE {condition} ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3"
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        type Raw = (
            String,
            String,
            String,
            Option<String>,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Raw> = self.with(|c| {
            let mut stmt = c.prepare(&sql)?;
            let map = |r: &rusqlite::Row<'_>| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            };
            stmt.query_map(params![arg.unwrap_or_default(), limit, offset], map)?
                .collect()
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(JobRow {
                    id: r.0,
                    requested_by: r.1,
                    request: serde_json::from_str(&r.2)
                        .map_err(|e| DbError::Corrupt(format!("request: {e}")))?,
                    account_id: r.3,
                    status: r
                        .4
                        .parse()
                        .map_err(|e: String| DbError::Corrupt(e.to_string()))?,
                    created_at: parse_time(&r.5)?,
                    started_at: parse_opt_time(r.6)?,
                    finished_at: parse_opt_time(r.7)?,
                    error: r.8,
                    progress: r.9.and_then(|p| serde_json::from_str(&p).ok()),
                })
            })
            .collect()
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, rusqlite::Error>,
    ) -> Result<T, DbError> {
        // A panic while the lock was held leaves a connection that is still whole.
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn).map_err(|source| DbError::Sqlite {
            path: self.path.display().to_string(),
            source,
        })
    }
}

#[async_trait]
impl Records for SqliteRecords {
    // ---- tokens ----

    async fn insert_token(&self, info: &TokenInfo, hash: &str) -> Result<(), DbError> {
        self.with(|c| {
            c.execute(
                "INSERT INTO tokens (id, name, role, hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    info.id,
                    info.name,
                    info.role.id(),
                    hash,
                    time(info.created_at),
                    info.created_by
                ],
            )
            .map(drop)
        })
    }

    async fn token_by_hash(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<TokenInfo>, DbError> {
        let row = self.with(|c| {
            c.prepare_cached(
                "SELECT id, name, role, created_at, created_by, revoked_at, last_used_at FROM tokens WHERE hash = ?1 AND revoked_at IS NULL",
            )?
            .query_row(params![hash], token_columns)
            .optional()
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut info = token_from(row)?;
        if stale_use(info.last_used_at, now) {
            self.with(|c| {
                c.execute(
                    "UPDATE tokens SET last_used_at = ?2 WHERE id = ?1",
                    params![info.id, time(now)],
                )
                .map(drop)
            })?;
            info.last_used_at = Some(now);
        }
        Ok(Some(info))
    }

    async fn token(&self, id: &str) -> Result<Option<TokenInfo>, DbError> {
        let row = self.with(|c| {
            c.query_row(
                "SELECT id, name, role, created_at, created_by, revoked_at, last_used_at FROM tokens WHERE id = ?1",
                params![id],
                token_columns,
            )
            .optional()
        })?;
        row.map(token_from).transpose()
    }

    async fn tokens(&self) -> Result<Vec<TokenInfo>, DbError> {
        let rows: Vec<TokenColumns> = self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT id, name, role, created_at, created_by, revoked_at, last_used_at FROM tokens ORDER BY created_at",
            )?;
            stmt.query_map([], token_columns)?.collect()
        })?;
        rows.into_iter().map(token_from).collect()
    }

    /// Revokes a live token; false when there is no such live token.
    async fn revoke_token(&self, id: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        self.with(|c| {
            c.execute(
                "UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![id, time(now)],
            )
            .map(|n| n == 1)
        })
    }

    async fn any_token(&self) -> Result<bool, DbError> {
        self.with(|c| {
            c.query_row("SELECT EXISTS (SELECT 1 FROM tokens)", [], |r| {
                r.get::<_, bool>(0)
            })
        })
    }

    // ---- settings ----

    /// The setting `name`, made with `make` the first time it is asked for.
    async fn setting_or(&self, name: &str, value: String) -> Result<String, DbError> {
        self.with(|c| {
            c.execute(
                "INSERT OR IGNORE INTO settings (name, value) VALUES (?1, ?2)",
                params![name, value],
            )?;
            c.query_row(
                "SELECT value FROM settings WHERE name = ?1",
                params![name],
                |r| r.get(0),
            )
        })
    }

    // ---- schedules ----

    async fn put_schedule(&self, schedule: &Schedule) -> Result<(), DbError> {
        let body = serde_json::to_string(schedule)
            .map_err(|e| DbError::Corrupt(format!("schedule: {e}")))?;
        self.with(|c| {
            c.execute(
                "INSERT INTO schedules (id, body, next_run_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET body = ?2, next_run_at = ?3",
                params![schedule.id, body, time(schedule.next_run_at)],
            )
            .map(drop)
        })
    }

    async fn delete_schedule(&self, id: &str) -> Result<bool, DbError> {
        self.with(|c| {
            c.execute("DELETE FROM schedules WHERE id = ?1", params![id])
                .map(|n| n == 1)
        })
    }

    /// Every schedule, or those due at `due_by`, soonest first.
    async fn schedules(&self, due_by: Option<DateTime<Utc>>) -> Result<Vec<Schedule>, DbError> {
        let bodies: Vec<String> = self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT body FROM schedules WHERE next_run_at <= ?1 ORDER BY next_run_at",
            )?;
            let bound = due_by.map(time).unwrap_or_else(|| "9999".into());
            stmt.query_map(params![bound], |r| r.get(0))?.collect()
        })?;
        bodies
            .iter()
            .map(|b| {
                serde_json::from_str(b).map_err(|e| DbError::Corrupt(format!("schedule: {e}")))
            })
            .collect()
    }

    // ---- sessions ----

    async fn insert_session(
        &self,
        hash: &str,
        principal: &Principal,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), DbError> {
        self.with(|c| {
            c.execute("DELETE FROM sessions WHERE expires_at < ?1", params![time(now)])?;
            c.execute(
                "INSERT INTO sessions (hash, actor, key, role, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    hash,
                    principal.actor,
                    principal.key,
                    principal.role.id(),
                    time(now),
                    time(expires_at)
                ],
            )
            .map(drop)
        })
    }

    /// The caller of a live session.
    async fn session(&self, hash: &str, now: DateTime<Utc>) -> Result<Option<Principal>, DbError> {
        let row = self.with(|c| {
            c.query_row(
                "SELECT actor, key, role FROM sessions WHERE hash = ?1 AND expires_at > ?2",
                params![hash, time(now)],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()
        })?;
        row.map(|(actor, key, role)| {
            Ok(Principal {
                actor,
                key,
                role: role.parse().map_err(DbError::Corrupt)?,
            })
        })
        .transpose()
    }

    async fn delete_session(&self, hash: &str) -> Result<(), DbError> {
        self.with(|c| {
            c.execute("DELETE FROM sessions WHERE hash = ?1", params![hash])
                .map(drop)
        })
    }

    // ---- audit ----

    async fn audit(&self, entry: &AuditEntry) -> Result<(), DbError> {
        self.with(|c| {
            c.execute(
                "INSERT INTO audit (at, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    time(entry.at),
                    entry.actor,
                    entry.action,
                    entry.target,
                    entry.detail
                ],
            )
            .map(drop)
        })
    }

    /// The newest `limit` entries, newest first.
    async fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, DbError> {
        let rows = self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT at, actor, action, target, detail FROM audit ORDER BY seq DESC LIMIT ?1",
            )?;
            stmt.query_map(params![limit as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()
        })?;
        rows.into_iter()
            .map(|(at, actor, action, target, detail)| {
                Ok(AuditEntry {
                    at: parse_time(&at)?,
                    actor,
                    action,
                    target,
                    detail,
                })
            })
            .collect()
    }

    // ---- jobs ----

    async fn insert_job(&self, job: &JobRow) -> Result<(), DbError> {
        let request = serde_json::to_string(&job.request)
            .map_err(|e| DbError::Corrupt(format!("request: {e}")))?;
        self.with(|c| {
            c.execute(
                "INSERT INTO jobs (id, requested_by, request, account_id, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    job.id,
                    job.requested_by,
                    request,
                    job.account_id,
                    job.status.id(),
                    time(job.created_at)
                ],
            )
            .map(drop)
        })
    }

    async fn job_started(&self, id: &str, at: DateTime<Utc>) -> Result<(), DbError> {
        self.with(|c| {
            c.execute(
                "UPDATE jobs SET status = 'running', started_at = ?2 WHERE id = ?1 AND status = 'queued'",
                params![id, time(at)],
            )
            .map(drop)
        })
    }

    async fn job_progress(
        &self,
        id: &str,
        account_id: Option<&str>,
        progress: &serde_json::Value,
    ) -> Result<(), DbError> {
        self.with(|c| {
            c.execute(
                "UPDATE jobs SET progress = ?2, account_id = COALESCE(?3, account_id) WHERE id = ?1",
                params![id, progress.to_string(), account_id],
            )
            .map(drop)
        })
    }

    /// Ends a job that is still queued or running; a finished job is never changed again.
    async fn job_finished(
        &self,
        id: &str,
        status: JobStatus,
        error: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<bool, DbError> {
        self.with(|c| {
            c.execute(
                "UPDATE jobs SET status = ?2, error = ?3, finished_at = ?4 WHERE id = ?1 AND status IN ('queued', 'running')",
                params![id, status.id(), error, time(at)],
            )
            .map(|n| n == 1)
        })
    }

    /// Every job still queued or running: what a restart found interrupted.
    async fn unfinished_jobs(&self) -> Result<Vec<JobRow>, DbError> {
        self.jobs_where("status IN ('queued', 'running')", None, usize::MAX, 0)
    }

    async fn job(&self, id: &str) -> Result<Option<JobRow>, DbError> {
        Ok(self
            .jobs_where("id = ?1", Some(id), 1, 0)?
            .into_iter()
            .next())
    }

    /// Jobs newest first.
    async fn jobs(&self, limit: usize, offset: usize) -> Result<Vec<JobRow>, DbError> {
        self.jobs_where("1 = 1", None, limit, offset)
    }
}

type TokenColumns = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn token_columns(r: &rusqlite::Row<'_>) -> Result<TokenColumns, rusqlite::Error> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn token_from(r: TokenColumns) -> Result<TokenInfo, DbError> {
    Ok(TokenInfo {
        id: r.0,
        name: r.1,
        role: r.2.parse().map_err(DbError::Corrupt)?,
        created_at: parse_time(&r.3)?,
        created_by: r.4,
        revoked_at: parse_opt_time(r.5)?,
        last_used_at: parse_opt_time(r.6)?,
    })
}

fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}
