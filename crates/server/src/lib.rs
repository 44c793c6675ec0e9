//! `wellscan serve`: the team's HTTP API over the same orchestrator, history and reports the
//! CLI uses.
//!
//! ```text
//! request ─► hardening (request id, log line, security headers) ─► route ─► Caller (token, role, rate limit)
//!                                                                        └─► handler ─► Queue ─► wellscan_orchestrator::run
//!                                                                                    └─► ScanStore (history), Records (db/)
//! ```
//!
//! [`Server::bind`] opens `--data-dir` (the reports of each scan under `reports/<id>/`), checks
//! that the history answers, marks scans a previous process
//! left unfinished as failed, makes the first admin token when there is none, and binds the
//! address. [`Server::run`] serves until the shutdown future resolves, then stops taking scans,
//! lets running ones finish within the deadline and cancels the rest.

mod api;
pub mod auth;
mod cache;
pub mod dashboard;
pub mod db;
mod error;
mod hardening;
mod health;
pub mod jobs;
mod listen;
pub mod mcp;
mod progress;
mod rate;
pub mod schedules;
mod share;
mod state;
mod ui;

pub use auth::{NewToken, Role};
pub use db::{DynamoRecords, Records, SqliteRecords, TokenInfo};
pub use error::{ApiError, ServeError};
pub use jobs::{DEFAULT_MAX_CONCURRENT_SCANS, JobStatus, ScanRequest, ScanSettings};
pub use rate::DEFAULT_PER_MINUTE;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use wellscan_store::ScanStore;

use crate::jobs::Queue;
use crate::state::AppState;

/// A request body larger than this is refused with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

/// How long running scans may take to finish at shutdown, by default.
pub const DEFAULT_SHUTDOWN_DEADLINE: Duration = Duration::from_secs(30);

/// Everything `wellscan serve` was asked for.
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub demo_only: bool,
    pub max_concurrent_scans: usize,
    pub shutdown_deadline: Duration,
    pub requests_per_minute: u32,
    /// The service is reached over HTTPS (at the load balancer): HSTS is sent.
    pub https: bool,
    pub history: Arc<dyn ScanStore>,
    /// Tokens, audit log, sessions, schedules and jobs: where the history is (`server.db` in
    /// `data_dir` beside a SQLite history, the history's table beside DynamoDB).
    pub records: Arc<dyn Records>,
    pub scans: ScanSettings,
    /// Run schedules with EventBridge Scheduler rather than in the process.
    pub eventbridge: Option<schedules::eventbridge::EventBridge>,
    /// Accept JWTs from this issuer (and make no first admin token).
    pub oidc: Option<auth::oidc::OidcConfig>,
    /// `/mcp` lists `start_scan`, which an auditor may call.
    pub mcp_allow_scans: bool,
}

/// A bound, ready service.
pub struct Server {
    state: Arc<AppState>,
    listener: tokio::net::TcpListener,
    shutdown_deadline: Duration,
    /// The admin token made at this start, when the service had none: shown once.
    pub first_token: Option<NewToken>,
    /// Scans a previous process left unfinished, now marked failed.
    pub recovered: Vec<String>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("state", &self.state)
            .finish()
    }
}

/// Opens `server.db` in `data_dir` (creating the folder, 0700).
pub fn open_db(data_dir: &std::path::Path) -> Result<SqliteRecords, ServeError> {
    create_private_dir(data_dir).map_err(|source| ServeError::DataDir {
        path: data_dir.display().to_string(),
        source,
    })?;
    Ok(SqliteRecords::open(data_dir)?)
}

fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

impl Server {
    pub async fn bind(config: Config) -> Result<Server, ServeError> {
        let db = config.records;
        create_private_dir(&config.data_dir).map_err(|source| ServeError::DataDir {
            path: config.data_dir.display().to_string(),
            source,
        })?;
        let reports_dir = config.data_dir.join("reports");
        create_private_dir(&reports_dir).map_err(|source| ServeError::DataDir {
            path: reports_dir.display().to_string(),
            source,
        })?;
        // The history must answer before the service says it is up.
        config.history.list(None, 1).await?;
        let reads = Arc::new(cache::Reads::default());
        let queue = Arc::new(
            Queue::new(
                reads.clone(),
                db.clone(),
                config.history.clone(),
                config.scans,
                reports_dir.clone(),
                config.max_concurrent_scans,
            )
            .map_err(|source| ServeError::Runtime { source })?,
        );
        let recovered = queue.recover().await?;
        let oidc = match config.oidc {
            Some(oidc) => {
                let oidc = auth::oidc::Oidc::new(oidc)?;
                oidc.warm().await?;
                Some(Arc::new(oidc))
            }
            None => None,
        };
        let first_token = match oidc.is_some() || db.any_token().await? {
            true => None,
            false => Some(
                auth::create_token(
                    db.as_ref(),
                    "first admin",
                    Role::Admin,
                    "wellscan serve (first start)",
                )
                .await?,
            ),
        };
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| ServeError::Listen {
                addr: config.listen.to_string(),
                source,
            })?;
        let share = share::ShareKey::load(db.as_ref()).await?;
        let state = Arc::new(AppState {
            db,
            history: config.history,
            queue,
            rate: rate::RateLimiter::new(config.requests_per_minute),
            demo_only: config.demo_only,
            reports_dir,
            https: config.https,
            reads,
            report_files: Default::default(),
            logins: auth::login::Pending::default(),
            share,
            eventbridge: config.eventbridge,
            oidc,
            mcp_allow_scans: config.mcp_allow_scans,
        });
        Ok(Server {
            state,
            listener,
            shutdown_deadline: config.shutdown_deadline,
            first_token,
            recovered,
        })
    }

    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
    }

    /// Serves until `stop` resolves; then drains the queue and closes connections.
    pub async fn run(self, stop: impl Future<Output = ()> + Send + 'static) {
        let app = router(self.state.clone());
        // Deployed, EventBridge Scheduler runs the schedules.
        let scheduler = match self.state.eventbridge {
            Some(_) => None,
            None => Some(tokio::spawn(schedules::run(self.state.clone()))),
        };
        let (closed_tx, closed_rx) = tokio::sync::oneshot::channel::<()>();
        let http = tokio::spawn(listen::serve(self.listener, app, async move {
            let _ = closed_rx.await;
        }));
        stop.await;
        tracing::info!("stopping: no new scans; running scans may finish");
        // Still serving while scans drain, so progress can be watched and /readyz says 503.
        if let Some(scheduler) = scheduler {
            scheduler.abort();
        }
        self.state.queue.shutdown(self.shutdown_deadline).await;
        let _ = closed_tx.send(());
        let _ = http.await;
    }
}

/// Every route with its layers.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .merge(api::router())
        .merge(ui::router())
        .merge(mcp::router(state.clone()))
        .fallback(hardening::not_found)
        .method_not_allowed_fallback(hardening::method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            hardening::layer,
        ))
        .with_state(state)
}
