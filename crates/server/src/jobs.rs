//! The scan queue: every scan the service runs is a job, queued in `server.db`, run by the same
//! `wellscan_orchestrator::run` the CLI calls, at most `--max-concurrent-scans` at once.
//!
//! A job moves `queued` → `running` → `succeeded` | `partial` | `failed` | `cancelled`, and
//! only forward. Its progress lives in memory while it runs (a `watch` channel the SSE stream
//! and the API read) and is written to `server.db` at each stage. Cancelling drops the run
//! where it is; the history's record of it is marked failed. A start finds every job a
//! previous process left unfinished and marks it failed; a shutdown stops taking jobs, lets
//! running ones finish until its deadline and cancels the rest.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, Semaphore, watch};
use tracing::Instrument;
use wellscan_model::{ScanRecord, ScanStatus};
use wellscan_orchestrator::aws::{Access, Role, Session};
use wellscan_orchestrator::{InventorySource, LiveSource, ScanPlan, Services};
use wellscan_store::ScanStore;

use crate::db::{JobRow, Records};
use crate::progress::ProgressView;

/// Scans at once by default.
pub const DEFAULT_MAX_CONCURRENT_SCANS: usize = 2;

/// A job's status, as the API says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    Queued,
    Running,
    Succeeded,
    Partial,
    Failed,
    Cancelled,
}

impl JobStatus {
    pub const ALL: [JobStatus; 6] = [
        JobStatus::Queued,
        JobStatus::Running,
        JobStatus::Succeeded,
        JobStatus::Partial,
        JobStatus::Failed,
        JobStatus::Cancelled,
    ];

    pub fn id(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Succeeded => "succeeded",
            JobStatus::Partial => "partial",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    pub fn is_finished(self) -> bool {
        !matches!(self, JobStatus::Queued | JobStatus::Running)
    }

    pub fn of_record(status: ScanStatus) -> JobStatus {
        match status {
            ScanStatus::Running => JobStatus::Running,
            ScanStatus::Succeeded => JobStatus::Succeeded,
            ScanStatus::Partial => JobStatus::Partial,
            ScanStatus::Failed => JobStatus::Failed,
        }
    }
}

impl std::str::FromStr for JobStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<JobStatus, String> {
        JobStatus::ALL
            .into_iter()
            .find(|j| j.id() == s)
            .ok_or_else(|| {
                format!(
                    "unknown status `{s}`: queued, running, succeeded, partial, failed or cancelled"
                )
            })
    }
}

/// What a caller asked to scan: the demo account, or an account reached through a role.
/// Never a credential.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanRequest {
    #[serde(default)]
    pub demo: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// `None` for every enabled region (or every recorded one, for the demo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<String>>,
    /// The reports to write (pdf, xlsx, html, json, ocsf); `None` for the service's `--format`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formats: Option<Vec<String>>,
}

impl ScanRequest {
    /// Checks the request before it is queued; the message says what to change.
    pub fn validate(&self, demo_only: bool) -> Result<(), String> {
        self.formats()?;
        if let Some(regions) = &self.regions {
            if regions.is_empty() {
                return Err("`regions` is empty: leave it out to scan every region".into());
            }
            for region in regions {
                wellscan_model::region::check(region, &[]).map_err(|e| e.to_string())?;
            }
        }
        if self.demo {
            if self.account_id.is_some() || self.role_arn.is_some() || self.external_id.is_some() {
                return Err(
                    "a demo scan reads the recorded demo account: leave out account_id, role_arn and external_id".into(),
                );
            }
            return Ok(());
        }
        if demo_only {
            return Err(
                "this service runs demo scans only (started with --demo-only): send {\"demo\": true}"
                    .into(),
            );
        }
        let (Some(account), Some(role)) = (&self.account_id, &self.role_arn) else {
            return Err(
                "send {\"demo\": true}, or {\"account_id\", \"role_arn\"} (with \"external_id\" when the role's trust asks for one)".into(),
            );
        };
        if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "account_id `{account}`: an account id is 12 digits"
            ));
        }
        let parts: Vec<&str> = role.split(':').collect();
        let valid = parts.len() == 6
            && parts[0] == "arn"
            && parts[2] == "iam"
            && parts[5].starts_with("role/")
            && parts[5].len() > "role/".len();
        if !valid {
            return Err(format!(
                "role_arn `{role}` is not a role ARN (arn:aws:iam::123456789012:role/NAME)"
            ));
        }
        if parts[4] != account {
            return Err(format!(
                "role_arn `{role}` is in account {}, not account_id {account}",
                parts[4]
            ));
        }
        if let Some(id) = &self.external_id
            && (id.len() < 2 || id.len() > 1224)
        {
            return Err("external_id must be 2 to 1,224 characters, as STS asks".into());
        }
        Ok(())
    }

    /// The formats asked for, checked; `None` when the request names none.
    pub fn formats(&self) -> Result<Option<Vec<wellscan_report::Format>>, String> {
        let Some(names) = &self.formats else {
            return Ok(None);
        };
        let mut formats = Vec::new();
        for name in names {
            let format: wellscan_report::Format =
                name.parse().map_err(|e| format!("formats: {e}"))?;
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        if formats.is_empty() {
            return Err("`formats` is empty: leave it out for the service's formats".into());
        }
        Ok(Some(formats))
    }

    /// The request as shown to readers: the external id is replaced by whether there is one.
    pub fn public(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(map) = value.as_object_mut()
            && map.remove("external_id").is_some()
        {
            map.insert("external_id_set".into(), serde_json::Value::Bool(true));
        }
        value
    }
}

/// What every scan the service runs shares: the CLI reads these from `wellscan serve`'s flags.
#[derive(Clone)]
pub struct ScanSettings {
    pub checks: wellscan_checks::Config,
    pub prices: Arc<wellscan_checks::PriceTable>,
    pub formats: Vec<wellscan_report::Format>,
    pub render: wellscan_report::RenderOptions,
    pub analyst_timeout: Duration,
    pub agent_concurrency: usize,
    pub brief_tokens: usize,
    pub analyst: Arc<dyn wellscan_agents::Analyst>,
    /// Where reports are uploaded after the local copy, if anywhere.
    pub upload: Option<Arc<dyn wellscan_report::Publisher>>,
    /// The service's own AWS access, from which roles are assumed.
    pub access: Access,
    pub discovery_concurrency: usize,
    pub deadline: Option<Duration>,
}

/// A job's state while it is queued or running.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiveState {
    pub status: JobStatus,
    pub progress: ProgressView,
    pub error: Option<String>,
}

struct LiveJob {
    state: watch::Sender<LiveState>,
    cancel: watch::Sender<Option<String>>,
}

/// The bounded queue.
///
/// Scans run on a runtime of their own: a scan's CPU-bound stages (checks, rendering the PDF)
/// would otherwise hold the threads that answer requests, and every reader would wait behind
/// them.
pub struct Queue {
    runtime: Option<tokio::runtime::Runtime>,
    reads: Arc<crate::cache::Reads>,
    db: Arc<dyn Records>,
    history: Arc<dyn ScanStore>,
    settings: ScanSettings,
    reports_dir: PathBuf,
    slots: Arc<Semaphore>,
    max: usize,
    live: Mutex<HashMap<String, Arc<LiveJob>>>,
    /// Counts every change of a live job (queued, started, progress, ended).
    live_version: AtomicU64,
    accepting: AtomicBool,
    ended: Notify,
}

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Queue").field("max", &self.max).finish()
    }
}

/// Why a job could not be queued.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("the service is shutting down and takes no new scans")]
    ShuttingDown,
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

impl Drop for Queue {
    fn drop(&mut self) {
        // Never blocks: a queue may be dropped on an async thread.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Queue {
    pub fn new(
        reads: Arc<crate::cache::Reads>,
        db: Arc<dyn Records>,
        history: Arc<dyn ScanStore>,
        settings: ScanSettings,
        reports_dir: PathBuf,
        max: usize,
    ) -> std::io::Result<Queue> {
        let max = max.max(1);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(max.min(4))
            .thread_name("wellscan-scan")
            .on_thread_start(lower_priority)
            .enable_all()
            .build()?;
        Ok(Queue {
            runtime: Some(runtime),
            reads,
            db,
            history,
            settings,
            reports_dir,
            slots: Arc::new(Semaphore::new(max)),
            max,
            live: Mutex::new(HashMap::new()),
            live_version: AtomicU64::new(0),
            accepting: AtomicBool::new(true),
            ended: Notify::new(),
        })
    }

    /// Marks every job a previous process left queued or running as failed, in `server.db` and
    /// in the history; returns their ids.
    pub async fn recover(&self) -> Result<Vec<String>, crate::db::DbError> {
        let reason = "interrupted: the service stopped before the scan finished";
        let mut ids = Vec::new();
        for job in self.db.unfinished_jobs().await? {
            self.db
                .job_finished(&job.id, JobStatus::Failed, Some(reason), Utc::now())
                .await?;
            // The history has a record only if discovery had finished; either way it is no
            // longer running.
            let _ = self.history.fail(&job.id, reason, Utc::now()).await;
            ids.push(job.id);
        }
        Ok(ids)
    }

    pub fn is_accepting(&self) -> bool {
        self.accepting.load(Ordering::SeqCst)
    }

    /// Scans running or waiting.
    pub fn live_count(&self) -> usize {
        self.live.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn max(&self) -> usize {
        self.max
    }

    /// Where reports are uploaded, if anywhere.
    pub fn upload(&self) -> Option<&Arc<dyn wellscan_report::Publisher>> {
        self.settings.upload.as_ref()
    }

    /// Queues a scan; returns its id at once.
    pub async fn submit(
        self: &Arc<Self>,
        request: ScanRequest,
        requested_by: &str,
    ) -> Result<String, QueueError> {
        let runtime = match &self.runtime {
            Some(runtime) if self.is_accepting() => runtime.handle().clone(),
            _ => return Err(QueueError::ShuttingDown),
        };
        let id = wellscan_orchestrator::new_scan_id();
        let row = JobRow {
            id: id.clone(),
            requested_by: requested_by.to_string(),
            account_id: request.account_id.clone(),
            request: request.clone(),
            status: JobStatus::Queued,
            created_at: Utc::now(),
            started_at: None,
            finished_at: None,
            error: None,
            progress: None,
        };
        self.db.insert_job(&row).await?;
        self.reads.invalidate();
        let (state, _) = watch::channel(LiveState {
            status: JobStatus::Queued,
            progress: ProgressView::default(),
            error: None,
        });
        let (cancel, _) = watch::channel(None);
        let job = Arc::new(LiveJob { state, cancel });
        self.live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id.clone(), job.clone());
        self.live_version.fetch_add(1, Ordering::SeqCst);
        let queue = self.clone();
        let span = tracing::info_span!("job", scan_id = %id);
        let job_id = id.clone();
        runtime.spawn(
            async move {
                queue.run(&job_id, request, &job).await;
                queue
                    .live
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(&job_id);
                queue.live_version.fetch_add(1, Ordering::SeqCst);
                queue.ended.notify_waiters();
            }
            .instrument(span),
        );
        Ok(id)
    }

    /// A number that changes whenever any live job does: a view of the live jobs made at one
    /// version holds as long as the version does.
    pub fn live_version(&self) -> u64 {
        self.live_version.load(Ordering::SeqCst)
    }

    /// Changes `job`'s live state and says so to [`Queue::live_version`].
    fn modify(&self, job: &LiveJob, change: impl FnOnce(&mut LiveState)) {
        job.state.send_modify(change);
        self.live_version.fetch_add(1, Ordering::SeqCst);
    }

    /// The live state of a queued or running job; `None` once it has ended.
    pub fn watch(&self, id: &str) -> Option<watch::Receiver<LiveState>> {
        self.live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .map(|j| j.state.subscribe())
    }

    /// Asks a queued or running job to stop; false when it is not live.
    pub fn cancel(&self, id: &str, reason: &str) -> bool {
        match self.live.lock().unwrap_or_else(|p| p.into_inner()).get(id) {
            Some(job) => {
                job.cancel.send_replace(Some(reason.to_string()));
                true
            }
            None => false,
        }
    }

    /// Stops taking jobs, cancels those still waiting, lets running ones finish until
    /// `deadline` and cancels what is left; returns when every job has ended.
    pub async fn shutdown(&self, deadline: Duration) {
        self.accepting.store(false, Ordering::SeqCst);
        let waiting: Vec<Arc<LiveJob>> = self
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .filter(|j| j.state.borrow().status == JobStatus::Queued)
            .cloned()
            .collect();
        for job in waiting {
            job.cancel
                .send_replace(Some("the service stopped before the scan started".into()));
        }
        let drained = tokio::time::timeout(deadline, self.drained()).await;
        if drained.is_err() {
            let left: Vec<Arc<LiveJob>> = self
                .live
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .values()
                .cloned()
                .collect();
            tracing::warn!(
                running = left.len(),
                "shutdown deadline reached; cancelling"
            );
            for job in left {
                job.cancel.send_replace(Some(format!(
                    "the service stopped: the scan did not finish within the {} s shutdown deadline",
                    deadline.as_secs()
                )));
            }
            self.drained().await;
        }
    }

    async fn drained(&self) {
        loop {
            let ended = self.ended.notified();
            if self.live_count() == 0 {
                return;
            }
            ended.await;
        }
    }

    async fn run(&self, id: &str, request: ScanRequest, job: &LiveJob) {
        let mut cancel = job.cancel.subscribe();
        // Wait for a slot, or for a cancellation while waiting.
        let permit = tokio::select! {
            permit = self.slots.clone().acquire_owned() => permit.ok(),
            reason = wait_cancelled(&mut cancel) => {
                self.end(id, job, JobStatus::Cancelled, Some(reason)).await;
                return;
            }
        };
        let Some(_permit) = permit else {
            self.end(
                id,
                job,
                JobStatus::Failed,
                Some("the queue was closed".into()),
            )
            .await;
            return;
        };
        let started = Utc::now();
        if let Err(e) = self.db.job_started(id, started).await {
            tracing::error!(error = %e, "could not record the start");
        }
        self.modify(job, |s| s.status = JobStatus::Running);

        let ended = tokio::select! {
            ended = self.scan(id, &request, job) => ended,
            reason = wait_cancelled(&mut cancel) => {
                // The run is dropped where it stood; a record it began is closed here.
                let _ = self.history.fail(id, &format!("cancelled: {reason}"), Utc::now()).await;
                (JobStatus::Cancelled, Some(reason))
            }
        };
        self.end(id, job, ended.0, ended.1).await;
    }

    /// Runs the scan; returns how it ended.
    async fn scan(
        &self,
        id: &str,
        request: &ScanRequest,
        job: &LiveJob,
    ) -> (JobStatus, Option<String>) {
        let source = match self.source(request).await {
            Ok(source) => source,
            Err(reason) => {
                let _ = self
                    .history
                    .begin(&ScanRecord::running(
                        id,
                        request.account_id.as_deref().unwrap_or("unknown"),
                        Utc::now(),
                    ))
                    .await;
                let _ = self.history.fail(id, &reason, Utc::now()).await;
                return (JobStatus::Failed, Some(reason));
            }
        };
        let s = &self.settings;
        let plan = ScanPlan {
            scan_id: id.to_string(),
            source,
            regions: request.regions.clone(),
            checks: s.checks.clone(),
            prices: s.prices.clone(),
            formats: request
                .formats()
                .ok()
                .flatten()
                .unwrap_or_else(|| s.formats.clone()),
            render: s.render,
            analyst_timeout: s.analyst_timeout,
            agent_concurrency: s.agent_concurrency,
            brief_tokens: s.brief_tokens,
        };
        let services = Services {
            analyst: s.analyst.clone(),
            publisher: Arc::new(wellscan_report::LocalDir::new(self.reports_dir.join(id))),
            upload: s.upload.clone(),
            history: Some(self.history.clone()),
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let result = {
            let run = wellscan_orchestrator::run(&plan, &services, &tx);
            tokio::pin!(run);
            loop {
                tokio::select! {
                    result = &mut run => break result,
                    Some(event) = rx.recv() => self.progress(id, job, &event).await,
                }
            }
        };
        drop(tx);
        while let Ok(event) = rx.try_recv() {
            self.progress(id, job, &event).await;
        }
        match result {
            Ok(outcome) => {
                let mut notes: Vec<String> = outcome
                    .report_errors
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                notes.extend(outcome.upload_error.map(|e| format!("upload failed: {e}")));
                notes.extend(
                    outcome
                        .history_error
                        .map(|e| format!("not recorded in the history: {e}")),
                );
                let status =
                    JobStatus::of_record(ScanRecord::finished(&outcome.assessment, vec![]).status);
                let account = outcome.assessment.scan.account_id.clone();
                self.modify(job, |s| s.progress.account_id = Some(account.clone()));
                let progress =
                    serde_json::to_value(&job.state.borrow().progress).unwrap_or_default();
                let _ = self.db.job_progress(id, Some(&account), &progress).await;
                (status, (!notes.is_empty()).then(|| notes.join("; ")))
            }
            Err(e) => (JobStatus::Failed, Some(wellscan_model::error_chain(&e))),
        }
    }

    async fn source(&self, request: &ScanRequest) -> Result<InventorySource, String> {
        if request.demo {
            return Ok(InventorySource::Demo);
        }
        let role = Role {
            arn: request.role_arn.clone().unwrap_or_default(),
            external_id: request.external_id.clone(),
        };
        let session = Session::target(&self.settings.access, Some(&role))
            .await
            .map_err(|e| wellscan_model::error_chain(&e))?;
        Ok(InventorySource::Live(Box::new(LiveSource {
            concurrency: self.settings.discovery_concurrency,
            deadline: self.settings.deadline,
            ..LiveSource::new(session)
        })))
    }

    async fn progress(&self, id: &str, job: &LiveJob, event: &wellscan_orchestrator::Progress) {
        let mut stage_changed = false;
        self.modify(job, |s| {
            let before = s.progress.stage.clone();
            s.progress.apply(event);
            stage_changed = before != s.progress.stage
                || matches!(event, wellscan_orchestrator::Progress::StageFinished { .. });
        });
        if stage_changed {
            let progress = job.state.borrow().progress.clone();
            let value = serde_json::to_value(&progress).unwrap_or_default();
            if let Err(e) = self
                .db
                .job_progress(id, progress.account_id.as_deref(), &value)
                .await
            {
                tracing::warn!(error = %e, "could not record progress");
            }
        }
    }

    async fn end(&self, id: &str, job: &LiveJob, status: JobStatus, error: Option<String>) {
        if let Err(e) = self
            .db
            .job_finished(id, status, error.as_deref(), Utc::now())
            .await
        {
            tracing::error!(error = %e, "could not record the end of the scan");
        }
        tracing::info!(status = status.id(), "scan ended");
        self.reads.invalidate();
        self.modify(job, |s| {
            s.status = status;
            s.error = error;
        });
    }
}

/// Scans take whatever CPU the requests leave: every thread of the scan runtime (workers and
/// blocking pool) runs at a lower OS priority (nice 10 on Linux), so a scan rendering its PDF
/// never makes a reader wait, and still has every idle cycle. Where the OS refuses, the thread
/// keeps its priority: scans and requests then share the CPU as equals.
fn lower_priority() {
    use thread_priority::{ThreadPriority, ThreadPriorityValue, set_current_thread_priority};
    let Ok(low) = ThreadPriorityValue::try_from(SCAN_PRIORITY) else {
        return;
    };
    if let Err(e) = set_current_thread_priority(ThreadPriority::Crossplatform(low)) {
        tracing::debug!(error = ?e, "the scan thread keeps its priority");
    }
}

/// The scan threads' priority on the crate's 0 (lowest) to 99 scale: nice 10 on Linux.
const SCAN_PRIORITY: u8 = 21;

async fn wait_cancelled(cancel: &mut watch::Receiver<Option<String>>) -> String {
    loop {
        if let Some(reason) = cancel.borrow_and_update().clone() {
            return reason;
        }
        if cancel.changed().await.is_err() {
            // The sender lives as long as the job: never reached while it runs.
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role_request() -> ScanRequest {
        ScanRequest {
            account_id: Some("123456789012".into()),
            role_arn: Some("arn:aws:iam::123456789012:role/WellscanRead".into()),
            external_id: Some("wellscan-ext".into()),
            ..ScanRequest::default()
        }
    }

    #[test]
    fn requests_are_checked_before_they_are_queued() {
        let demo = ScanRequest {
            demo: true,
            ..ScanRequest::default()
        };
        assert_eq!(demo.validate(true), Ok(()));
        assert_eq!(role_request().validate(false), Ok(()));
        let refused = role_request().validate(true).expect_err("demo only");
        assert!(refused.contains("--demo-only"), "{refused}");

        let other_account = ScanRequest {
            account_id: Some("210987654321".into()),
            ..role_request()
        };
        let why = other_account.validate(false).expect_err("mismatch");
        assert!(why.contains("is in account 123456789012"), "{why}");
        let bad_region = ScanRequest {
            regions: Some(vec!["us-east-9".into()]),
            ..role_request()
        };
        assert!(bad_region.validate(false).is_err());
        let nothing = ScanRequest::default().validate(false).expect_err("empty");
        assert!(nothing.contains("\"demo\": true"), "{nothing}");
        let bad_arn = ScanRequest {
            role_arn: Some("arn:aws:iam::123456789012:user/alice".into()),
            ..role_request()
        };
        assert!(bad_arn.validate(false).is_err());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn scan_threads_run_at_nice_10() {
        // The nice value is field 19 of the thread's stat line (after the parenthesised name).
        let nice = || -> i32 {
            let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("stat");
            let after_name = stat.rsplit_once(')').expect("name").1;
            after_name
                .split_whitespace()
                .nth(16)
                .and_then(|n| n.parse().ok())
                .expect("nice")
        };
        let before = std::thread::spawn(nice).join().expect("thread");
        let lowered = std::thread::spawn(move || {
            lower_priority();
            nice()
        })
        .join()
        .expect("thread");
        assert_eq!(lowered, before.max(10), "from {before}");
    }

    #[test]
    fn the_external_id_is_never_shown() {
        let shown = role_request().public().to_string();
        assert!(!shown.contains("wellscan-ext"), "{shown}");
        assert!(shown.contains("\"external_id_set\":true"), "{shown}");
    }
}
