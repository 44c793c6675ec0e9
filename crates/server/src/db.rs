//! The service's own records, in `server.db` inside `--data-dir`: API tokens (their hashes
//! only), the audit log, and the scans it queued. The scan history itself stays in the
//! `ScanStore` the CLI uses.
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

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::jobs::{JobStatus, ScanRequest};

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

/// The service's database: one SQLite file, one connection, held only for single statements.
pub struct Db {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

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

impl Db {
    /// Opens (or creates, readable by its owner only) `server.db` in `dir`.
    pub fn open(dir: &Path) -> Result<Db, DbError> {
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
        Ok(Db {
            path,
            conn: Mutex::new(conn),
        })
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

    // ---- tokens ----

    pub fn insert_token(&self, info: &TokenInfo, hash: &str) -> Result<(), DbError> {
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

    /// The live token whose secret hashes to `hash`, marked used now. The mark is written at
    /// most once a minute per token: a write per request would make every read wait on the
    /// file.
    pub fn token_by_hash(
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
        let stale = info
            .last_used_at
            .is_none_or(|at| now - at > chrono::Duration::seconds(60));
        if stale {
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

    pub fn token(&self, id: &str) -> Result<Option<TokenInfo>, DbError> {
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

    pub fn tokens(&self) -> Result<Vec<TokenInfo>, DbError> {
        let rows: Vec<TokenColumns> = self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT id, name, role, created_at, created_by, revoked_at, last_used_at FROM tokens ORDER BY created_at",
            )?;
            stmt.query_map([], token_columns)?.collect()
        })?;
        rows.into_iter().map(token_from).collect()
    }

    /// Revokes a live token; false when there is no such live token.
    pub fn revoke_token(&self, id: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        self.with(|c| {
            c.execute(
                "UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![id, time(now)],
            )
            .map(|n| n == 1)
        })
    }

    pub fn live_admin_tokens(&self) -> Result<usize, DbError> {
        self.with(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM tokens WHERE role = 'admin' AND revoked_at IS NULL",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
        })
    }

    pub fn any_token(&self) -> Result<bool, DbError> {
        self.with(|c| {
            c.query_row("SELECT EXISTS (SELECT 1 FROM tokens)", [], |r| {
                r.get::<_, bool>(0)
            })
        })
    }

    // ---- settings ----

    /// The setting `name`, made with `make` the first time it is asked for.
    pub fn setting_or(&self, name: &str, make: impl FnOnce() -> String) -> Result<String, DbError> {
        let value = make();
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

    pub fn put_schedule(&self, schedule: &crate::schedules::Schedule) -> Result<(), DbError> {
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

    pub fn delete_schedule(&self, id: &str) -> Result<bool, DbError> {
        self.with(|c| {
            c.execute("DELETE FROM schedules WHERE id = ?1", params![id])
                .map(|n| n == 1)
        })
    }

    /// Every schedule, or those due at `due_by`, soonest first.
    pub fn schedules(
        &self,
        due_by: Option<DateTime<Utc>>,
    ) -> Result<Vec<crate::schedules::Schedule>, DbError> {
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

    pub fn insert_session(
        &self,
        hash: &str,
        principal: &crate::auth::Principal,
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
    pub fn session(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<crate::auth::Principal>, DbError> {
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
            Ok(crate::auth::Principal {
                actor,
                key,
                role: role.parse().map_err(DbError::Corrupt)?,
            })
        })
        .transpose()
    }

    pub fn delete_session(&self, hash: &str) -> Result<(), DbError> {
        self.with(|c| {
            c.execute("DELETE FROM sessions WHERE hash = ?1", params![hash])
                .map(drop)
        })
    }

    // ---- audit ----

    pub fn audit(&self, entry: &AuditEntry) -> Result<(), DbError> {
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
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, DbError> {
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

    pub fn insert_job(&self, job: &JobRow) -> Result<(), DbError> {
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

    pub fn job_started(&self, id: &str, at: DateTime<Utc>) -> Result<(), DbError> {
        self.with(|c| {
            c.execute(
                "UPDATE jobs SET status = 'running', started_at = ?2 WHERE id = ?1 AND status = 'queued'",
                params![id, time(at)],
            )
            .map(drop)
        })
    }

    pub fn job_progress(
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
    pub fn job_finished(
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
    pub fn unfinished_jobs(&self) -> Result<Vec<JobRow>, DbError> {
        self.jobs_where("status IN ('queued', 'running')", None, usize::MAX, 0)
    }

    pub fn job(&self, id: &str) -> Result<Option<JobRow>, DbError> {
        Ok(self
            .jobs_where("id = ?1", Some(id), 1, 0)?
            .into_iter()
            .next())
    }

    /// Jobs newest first.
    pub fn jobs(&self, limit: usize, offset: usize) -> Result<Vec<JobRow>, DbError> {
        self.jobs_where("1 = 1", None, limit, offset)
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
