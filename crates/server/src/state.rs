//! What every request shares, held in one `Arc`.

use std::path::PathBuf;
use std::sync::Arc;

use wellscan_store::ScanStore;

use crate::db::{AuditEntry, Records};
use crate::jobs::Queue;
use crate::rate::RateLimiter;

pub struct AppState {
    pub db: Arc<dyn Records>,
    pub history: Arc<dyn ScanStore>,
    pub queue: Arc<Queue>,
    pub rate: RateLimiter,
    /// Only demo scans may be started.
    pub demo_only: bool,
    /// Where each scan's reports are written, one folder per scan id.
    pub reports_dir: PathBuf,
    /// The service is reached over HTTPS (HSTS is sent).
    pub https: bool,
    /// Recent history listings and records and job rows (`cache.rs`), shared with the queue,
    /// which clears it when a scan is queued or ends.
    pub reads: Arc<crate::cache::Reads>,
    /// Which report files each finished scan has (`cache.rs`).
    pub report_files: crate::cache::ReportFiles,
    /// The key share links are signed with.
    pub share: crate::share::ShareKey,
    /// Browser sign-ins through the issuer under way.
    pub logins: crate::auth::login::Pending,
    /// EventBridge Scheduler, which runs the schedules when deployed; `None` runs them here.
    pub eventbridge: Option<crate::schedules::eventbridge::EventBridge>,
    /// The OIDC issuer whose JWTs are accepted, if any.
    pub oidc: Option<Arc<crate::auth::oidc::Oidc>>,
    /// `/mcp` lists `start_scan` (`--mcp-allow-scans`).
    pub mcp_allow_scans: bool,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("db", &self.db)
            .field("demo_only", &self.demo_only)
            .finish()
    }
}

impl AppState {
    /// Writes one line of the audit log; a failure to write it fails the request, since a
    /// change nobody can trace is worse than one refused.
    pub async fn audit(
        &self,
        actor: &str,
        action: &str,
        target: &str,
        detail: impl Into<String>,
    ) -> Result<(), crate::db::DbError> {
        self.db
            .audit(&AuditEntry {
                at: chrono::Utc::now(),
                actor: actor.to_string(),
                action: action.to_string(),
                target: target.to_string(),
                detail: detail.into(),
            })
            .await
    }
}
