//! `/mcp`: wellscan's MCP server (`wellscan-mcp`) over streamable HTTP, behind the service's
//! tokens and roles: a viewer reads the history and the catalogue; with `--mcp-allow-scans`,
//! an auditor may also start scans, queued and audited like `POST /api/scans`. The same
//! launcher over the service's queue runs the scans of `wellscan mcp --allow-scans`
//! ([`LocalScans`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use wellscan_mcp::{Archive, Launcher, Mcp, Reports};
use wellscan_store::ScanStore;

use crate::auth::{Caller, Principal, Role};
use crate::error::{ApiError, ServeError};
use crate::jobs::{Queue, ScanRequest, ScanSettings};
use crate::state::AppState;

/// The `/mcp` route, each request authenticated first.
pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    let reports = Arc::new(ServiceReports {
        upload: state.queue.upload().cloned(),
    });
    let archive = Arc::new(Archive::new(state.history.clone(), reports));
    archive.preload_latest();
    let mut mcp = Mcp::new(
        archive,
        wellscan_mcp::Caller {
            actor: "anonymous".into(),
            may_start_scans: false,
        },
    );
    if state.mcp_allow_scans {
        mcp = mcp.with_launcher(Arc::new(ServiceLauncher {
            state: state.clone(),
        }));
    }
    Router::new()
        .route_service("/mcp", wellscan_mcp::http::service(mcp))
        .route_layer(axum::middleware::from_fn_with_state(state, authenticate))
}

/// Lets a viewer in and tells the MCP server who it is.
async fn authenticate(
    State(_state): State<Arc<AppState>>,
    caller: Caller,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let who = caller.require(Role::Viewer)?;
    request.extensions_mut().insert(wellscan_mcp::Caller {
        actor: who.actor.clone(),
        may_start_scans: who.role >= Role::Auditor,
    });
    Ok(next.run(request).await)
}

/// A scan's reports where the service wrote them: its folder on this task, or the uploaded copy.
struct ServiceReports {
    upload: Option<Arc<dyn wellscan_report::Publisher>>,
}

#[async_trait]
impl Reports for ServiceReports {
    async fn read(&self, location: &str) -> Result<String, String> {
        let bytes = if location.starts_with("s3://") {
            match &self.upload {
                Some(upload) => match upload.read(location).await {
                    Some(read) => read.map_err(|e| e.to_string())?,
                    None => return Err(format!("{location} is not in this service's bucket")),
                },
                None => return Err(format!("{location}: this service uploads to no bucket")),
            }
        } else {
            tokio::fs::read(location)
                .await
                .map_err(|e| format!("{location} is not on this task: {e}"))?
        };
        String::from_utf8(bytes).map_err(|e| format!("{location}: {e}"))
    }
}

fn request(r: wellscan_mcp::ScanRequest) -> ScanRequest {
    ScanRequest {
        demo: r.demo,
        account_id: None,
        role_arn: r.role_arn,
        external_id: r.external_id,
        regions: r.regions,
        formats: None,
    }
}

/// Starts a scan as `POST /api/scans` does: checked, queued and written to the audit log.
struct ServiceLauncher {
    state: Arc<AppState>,
}

#[async_trait]
impl Launcher for ServiceLauncher {
    async fn start(
        &self,
        scan: wellscan_mcp::ScanRequest,
        caller: &wellscan_mcp::Caller,
    ) -> Result<String, String> {
        let who = Principal {
            actor: caller.actor.clone(),
            key: caller.actor.clone(),
            role: Role::Auditor,
        };
        crate::api::scans::queue_scan(&self.state, &who, request(scan))
            .await
            .map_err(|e| e.message().to_string())
    }
}

/// The service's queue in a process of its own (`wellscan mcp --allow-scans`): one scan at a
/// time, its job in `server.db` of the data folder, its reports under `reports/<id>/`.
pub struct LocalScans {
    queue: Arc<Queue>,
}

impl std::fmt::Debug for LocalScans {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalScans").finish_non_exhaustive()
    }
}

impl LocalScans {
    /// Opens the data folder and marks the jobs a previous process left unfinished as failed.
    pub async fn open(
        data_dir: &Path,
        history: Arc<dyn ScanStore>,
        settings: ScanSettings,
    ) -> Result<LocalScans, ServeError> {
        let db = Arc::new(crate::open_db(data_dir)?);
        let reports: PathBuf = data_dir.join("reports");
        crate::create_private_dir(&reports).map_err(|source| ServeError::DataDir {
            path: reports.display().to_string(),
            source,
        })?;
        let queue = Queue::new(Default::default(), db, history, settings, reports, 1)
            .map_err(|source| ServeError::Runtime { source })?;
        queue.recover().await?;
        Ok(LocalScans {
            queue: Arc::new(queue),
        })
    }

    /// Stops taking scans and lets a running one finish within `deadline`.
    pub async fn finish(&self, deadline: Duration) {
        self.queue.shutdown(deadline).await;
    }
}

#[async_trait]
impl Launcher for LocalScans {
    async fn start(
        &self,
        scan: wellscan_mcp::ScanRequest,
        caller: &wellscan_mcp::Caller,
    ) -> Result<String, String> {
        let scan = request(scan);
        scan.validate(false)?;
        self.queue
            .submit(scan, &caller.actor)
            .await
            .map_err(|e| e.to_string())
    }
}
