//! `/api/scans`: start, list, read, follow, cancel, download and compare scans.
//!
//! A scan is what the service queued (`server.db`) joined with what the history recorded of it.
//! Scans recorded by the CLI into the same history are listed too; their status is the
//! history's.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use futures::Stream;
use serde::{Deserialize, Serialize};
use wellscan_model::{PillarScore, ScanRecord, ScanStatus};
use wellscan_store::Snapshot;

use super::{ApiJson, ApiQuery};
use crate::auth::{Caller, Role};
use crate::db::JobRow;
use crate::error::ApiError;
use crate::jobs::{JobStatus, LiveState, QueueError, ScanRequest};
use crate::progress::ProgressView;
use crate::state::AppState;

/// The report formats one can download, and the file each is.
pub const REPORTS: [(&str, &str, &str); 5] = [
    ("pdf", "report.pdf", "application/pdf"),
    (
        "xlsx",
        "report.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("html", "report.html", "text/html; charset=utf-8"),
    ("json", "assessment.json", "application/json"),
    ("ocsf", "findings.ocsf.json", "application/json"),
];

/// A scan as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanView {
    pub id: String,
    pub status: JobStatus,
    pub account_id: Option<String>,
    /// Who started it through the service; `None` for a scan recorded by the CLI.
    pub requested_by: Option<String>,
    /// What was asked for (the external id only as `external_id_set`).
    pub request: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub error: Option<String>,
    pub progress: Option<ProgressView>,
    pub overall_score: Option<u8>,
    pub pillars: Vec<PillarScore>,
    pub findings: Option<usize>,
    pub monthly_savings_usd: Option<f64>,
    pub coverage_gaps: Option<usize>,
    /// Download links of the reports there are.
    pub reports: Vec<ReportLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportLink {
    pub format: &'static str,
    pub href: String,
}

/// When the scan ended: the service's own end when it ran the scan (the history's record is
/// complete before the upload is), the history's otherwise; none while it runs. The job's row
/// has its end before its live state says it ended, so a scan that ended reads the same
/// whether or not its live state is still there.
fn finished_at(
    live: Option<&LiveState>,
    job: Option<&JobRow>,
    record: Option<&ScanRecord>,
) -> Option<DateTime<Utc>> {
    match (live, job) {
        (Some(live), _) if !live.status.is_finished() => None,
        (_, Some(job)) => job.finished_at,
        (Some(_), None) => None,
        (None, None) => record.and_then(|r| r.finished_at),
    }
}

/// A scan from what is known of it: the live state, the job row, the history record.
pub fn scan_view(
    state: &AppState,
    id: &str,
    live: Option<LiveState>,
    job: Option<&JobRow>,
    record: Option<&ScanRecord>,
) -> Option<ScanView> {
    if job.is_none() && record.is_none() {
        return None;
    }
    let status = match (&live, job, record) {
        (Some(live), _, _) => live.status,
        (None, Some(job), _) if job.status.is_finished() => job.status,
        (None, _, Some(record)) => JobStatus::of_record(record.status),
        (None, Some(job), None) => job.status,
        (None, None, None) => return None,
    };
    let progress = match (&live, job) {
        (Some(live), _) => Some(live.progress.clone()),
        (None, Some(job)) => job
            .progress
            .clone()
            .and_then(|p| serde_json::from_value(p).ok()),
        _ => None,
    };
    let error = live
        .as_ref()
        .and_then(|l| l.error.clone())
        .or_else(|| job.and_then(|j| j.error.clone()))
        .or_else(|| record.and_then(|r| r.error.clone()));
    let account_id = record
        .map(|r| r.account_id.clone())
        .or_else(|| job.and_then(|j| j.account_id.clone()))
        .or_else(|| progress.as_ref().and_then(|p| p.account_id.clone()));
    let finished = matches!(status, JobStatus::Succeeded | JobStatus::Partial);
    let uploaded = |file: &str| {
        let suffix = format!("/{id}/{file}");
        state.queue.upload().is_some()
            && record.is_some_and(|r| {
                r.reports
                    .iter()
                    .any(|l| l.starts_with("s3://") && l.ends_with(&suffix))
            })
    };
    let reports = if finished {
        let dir = state.reports_dir.join(id);
        // While the scan is live its files may still be written; once ended, they are fixed.
        let local = match live {
            Some(_) => Vec::new(),
            None => state.report_files.finished(id, &dir, &REPORTS),
        };
        REPORTS
            .iter()
            .filter(|(format, file, _)| {
                local.contains(format)
                    || (live.is_some() && dir.join(file).is_file())
                    || uploaded(file)
            })
            .map(|(format, _, _)| ReportLink {
                format,
                href: format!("/api/scans/{id}/reports/{format}"),
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(ScanView {
        id: id.to_string(),
        status,
        account_id,
        requested_by: job.map(|j| j.requested_by.clone()),
        request: job.map(|j| j.request.public()),
        created_at: job
            .map(|j| j.created_at)
            .or(record.map(|r| r.started_at))
            .unwrap_or_else(Utc::now),
        finished_at: finished_at(live.as_ref(), job, record),
        error,
        progress,
        overall_score: record.and_then(|r| r.overall_score),
        pillars: record.map(|r| r.pillars.clone()).unwrap_or_default(),
        findings: record
            .filter(|r| r.overall_score.is_some())
            .map(|r| r.findings),
        monthly_savings_usd: record
            .filter(|r| r.overall_score.is_some())
            .map(|r| r.monthly_savings_usd),
        coverage_gaps: record
            .filter(|r| r.overall_score.is_some())
            .map(|r| r.coverage_gaps),
        reports,
    })
}

/// Reads one scan; 404 when neither the service nor the history knows it.
pub async fn load(state: &AppState, id: &str) -> Result<ScanView, ApiError> {
    check_id(id)?;
    let live = state.queue.watch(id).map(|w| w.borrow().clone());
    let job = state.reads.job(state.db.as_ref(), id).await?;
    let record = state.reads.get(state.history.as_ref(), id).await?;
    scan_view(state, id, live, job.as_ref(), record.as_ref())
        .ok_or_else(|| ApiError::not_found(format!("no scan {id}")))
}

fn check_id(id: &str) -> Result<(), ApiError> {
    let fine = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if fine {
        Ok(())
    } else {
        Err(ApiError::not_found(
            "no such scan: a scan id is letters, digits and dashes",
        ))
    }
}

#[derive(Debug, Serialize)]
pub struct Started {
    pub id: String,
    pub status: JobStatus,
    pub href: String,
    pub events: String,
}

/// Checks and queues a scan for `who`, recorded in the audit log; returns its id.
pub async fn queue_scan(
    state: &AppState,
    who: &crate::auth::Principal,
    request: ScanRequest,
) -> Result<String, ApiError> {
    request
        .validate(state.demo_only)
        .map_err(ApiError::bad_request)?;
    let id = state
        .queue
        .submit(request.clone(), &who.actor)
        .await
        .map_err(|e| match e {
            QueueError::ShuttingDown => ApiError::unavailable(e.to_string()),
            QueueError::Db(e) => ApiError::from(e),
        })?;
    state
        .audit(
            &who.actor,
            "scan.start",
            &format!("scan:{id}"),
            request.public().to_string(),
        )
        .await?;
    Ok(id)
}

pub async fn start(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    ApiJson(request): ApiJson<ScanRequest>,
) -> Result<(StatusCode, axum::Json<Started>), ApiError> {
    let who = caller.require(Role::Auditor)?;
    let id = queue_scan(&state, who, request).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(Started {
            href: format!("/api/scans/{id}"),
            events: format!("/api/scans/{id}/events"),
            id,
            status: JobStatus::Queued,
        }),
    ))
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    pub account: Option<String>,
    pub status: Option<String>,
    #[serde(default = "default_limit")]
    pub limit: usize,
    #[serde(default)]
    pub offset: usize,
}

fn default_limit() -> usize {
    50
}

#[derive(Debug, Serialize)]
pub struct ScanList {
    pub scans: Vec<ScanView>,
    pub limit: usize,
    pub offset: usize,
    /// The offset of the next page, when there is one.
    pub next_offset: Option<usize>,
}

/// At most this many history records are read for one list.
const LIST_WINDOW: usize = 10_000;

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    caller.require(Role::Viewer)?;
    // Two hundred dashboards ask for the same page: it is made once per change.
    let live_version = state.queue.live_version();
    let page = state
        .reads
        .page(format!("{query:?}"), live_version, async || {
            let list = find(&state, &query).await?;
            serde_json::to_vec(&list)
                .map(Bytes::from)
                .map_err(|e| ApiError::internal(&e))
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], page).into_response())
}

/// The scans `query` asks for, newest first.
pub async fn find(state: &AppState, query: &ListQuery) -> Result<ScanList, ApiError> {
    let page = super::Page {
        limit: query.limit,
        offset: query.offset,
    }
    .check()?;
    let status: Option<JobStatus> = query
        .status
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(ApiError::bad_request)?;
    // One more than the page, to know whether another follows; more when filtering by status.
    let wanted = page.offset + page.limit + 1;
    let window = match status {
        Some(_) => LIST_WINDOW,
        None => wanted.min(LIST_WINDOW),
    };
    let records = state
        .reads
        .list(state.history.as_ref(), query.account.as_deref(), window)
        .await?;
    let jobs = state.reads.jobs(state.db.as_ref(), window).await?;
    let mut by_id: HashMap<String, (Option<JobRow>, Option<ScanRecord>)> = HashMap::new();
    for job in jobs {
        if query
            .account
            .as_ref()
            .is_some_and(|a| job.account_id.as_ref() != Some(a))
        {
            continue;
        }
        let id = job.id.clone();
        by_id.entry(id).or_default().0 = Some(job);
    }
    for record in records {
        let id = record.scan_id.clone();
        by_id.entry(id).or_default().1 = Some(record);
    }
    let mut views: Vec<ScanView> = by_id
        .iter()
        .filter_map(|(id, (job, record))| {
            let live = state.queue.watch(id).map(|w| w.borrow().clone());
            scan_view(state, id, live, job.as_ref(), record.as_ref())
        })
        .filter(|v| status.is_none_or(|s| v.status == s))
        .collect();
    views.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    let more = views.len() > page.offset + page.limit;
    let scans: Vec<ScanView> = views
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .collect();
    Ok(ScanList {
        scans,
        limit: page.limit,
        offset: page.offset,
        next_offset: more.then_some(page.offset + page.limit),
    })
}

pub async fn get(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<ScanView>, ApiError> {
    caller.require(Role::Viewer)?;
    Ok(axum::Json(load(&state, &id).await?))
}

/// Server-Sent Events: a `progress` event with the whole scan each time its progress changes,
/// then one `end` event when it has ended. A scan that has already ended gets the `end` event
/// alone.
pub async fn events(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    caller.require(Role::Viewer)?;
    let first = load(&state, &id).await?;
    let watch = state.queue.watch(&id);
    let stream = futures::stream::unfold(
        (state, id, watch, Some(first), false),
        |(state, id, mut watch, first, ended)| async move {
            if ended {
                return None;
            }
            let view = match first {
                Some(view) => view,
                None => {
                    let changed = match watch.as_mut() {
                        Some(w) => w.changed().await.is_ok(),
                        None => false,
                    };
                    if !changed {
                        // The job ended and its live state went: the last word is the record's.
                        watch = None;
                    }
                    match load(&state, &id).await {
                        Ok(view) => view,
                        Err(e) => {
                            let event = Event::default().event("error").data(e.body());
                            return Some((Ok(event), (state, id, None, None, true)));
                        }
                    }
                }
            };
            let done = view.status.is_finished();
            let name = if done { "end" } else { "progress" };
            let data = serde_json::to_string(&view).unwrap_or_default();
            let event = Event::default().event(name).data(data);
            Some((Ok(event), (state, id, watch, None, done)))
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

#[derive(Debug, Serialize)]
pub struct Cancelling {
    pub id: String,
    pub status: &'static str,
}

pub async fn cancel(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<(StatusCode, axum::Json<Cancelling>), ApiError> {
    let who = caller.require(Role::Auditor)?;
    cancel_scan(&state, who, &id).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(Cancelling {
            id,
            status: "cancelling",
        }),
    ))
}

/// Asks a queued or running scan to stop, recorded in the audit log.
pub async fn cancel_scan(
    state: &AppState,
    who: &crate::auth::Principal,
    id: &str,
) -> Result<(), ApiError> {
    let view = load(state, id).await?;
    if view.status.is_finished() {
        return Err(ApiError::conflict(format!(
            "scan {id} has already ended ({})",
            view.status.id()
        )));
    }
    if !state
        .queue
        .cancel(id, &format!("cancelled by {}", who.actor))
    {
        return Err(ApiError::conflict(format!(
            "scan {id} is not run by this service: it cannot be cancelled here"
        )));
    }
    state
        .audit(&who.actor, "scan.cancel", &format!("scan:{id}"), "")
        .await?;
    Ok(())
}

pub async fn report(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path((id, format)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    caller.require(Role::Viewer)?;
    check_id(&id)?;
    let Some((format, file, content_type)) = REPORTS.iter().find(|(f, _, _)| *f == format) else {
        return Err(ApiError::not_found(format!(
            "no report format `{format}`: pdf, xlsx, html, json or ocsf"
        )));
    };
    let path = state.reports_dir.join(&id).join(file);
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Not on this machine (a task that restarted, another instance): the uploaded copy.
            if let Some(link) = uploaded_link(&state, &id, file).await? {
                return Ok((
                    StatusCode::FOUND,
                    [
                        (header::LOCATION, link),
                        (header::CACHE_CONTROL, "private, no-store".to_string()),
                    ],
                )
                    .into_response());
            }
            let view = load(&state, &id).await?;
            let why = match view.status {
                JobStatus::Queued | JobStatus::Running => {
                    format!(
                        "scan {id} is {}: its reports come when it ends",
                        view.status.id()
                    )
                }
                _ => format!("scan {id} has no {format} report on this service"),
            };
            return Err(ApiError::not_found(why));
        }
        Err(e) => return Err(ApiError::internal(&e)),
    };
    let disposition = format!("attachment; filename=\"wellscan-{id}-{file}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        Body::from(bytes),
    )
        .into_response())
}

/// A fresh download link to the uploaded copy of scan `id`'s `file`, if it was uploaded.
async fn uploaded_link(state: &AppState, id: &str, file: &str) -> Result<Option<String>, ApiError> {
    let Some(upload) = state.queue.upload() else {
        return Ok(None);
    };
    let Some(record) = state.history.get(id).await? else {
        return Ok(None);
    };
    let suffix = format!("/{id}/{file}");
    let Some(location) = record
        .reports
        .iter()
        .find(|r| r.starts_with("s3://") && r.ends_with(&suffix))
    else {
        return Ok(None);
    };
    match upload.link(location).await {
        Some(Ok(link)) => Ok(Some(link)),
        Some(Err(e)) => Err(ApiError::internal(&e)),
        None => Ok(None),
    }
}

#[derive(Debug, Deserialize)]
pub struct DiffQuery {
    pub against: String,
}

/// The findings new, resolved and still open from `against` (the older scan) to `id`.
pub async fn diff(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<DiffQuery>,
) -> Result<axum::Json<wellscan_model::ScanDiff>, ApiError> {
    caller.require(Role::Viewer)?;
    Ok(axum::Json(compare(&state, &query.against, &id).await?))
}

/// What changed from the finished scan `older` to the finished scan `newer` of one account.
pub async fn compare(
    state: &AppState,
    older: &str,
    newer: &str,
) -> Result<wellscan_model::ScanDiff, ApiError> {
    check_id(newer)?;
    check_id(older)?;
    let store = state.history.as_ref();
    let finished = |r: &ScanRecord| matches!(r.status, ScanStatus::Succeeded | ScanStatus::Partial);
    for scan in [older, newer] {
        match store.get(scan).await? {
            Some(r) if finished(&r) => {}
            Some(r) => {
                return Err(ApiError::conflict(format!(
                    "scan {scan} is {}: only finished scans are compared",
                    r.status
                )));
            }
            None => {
                return Err(ApiError::not_found(format!(
                    "no scan {scan} in the history"
                )));
            }
        }
    }
    let before = Snapshot::load(store, older).await?;
    let after = Snapshot::load(store, newer).await?;
    if before.record.account_id != after.record.account_id {
        return Err(ApiError::bad_request(format!(
            "{older} is of account {} and {newer} of account {}: compare scans of one account",
            before.record.account_id, after.record.account_id
        )));
    }
    Ok(wellscan_store::diff(&before, &after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(status: JobStatus, finished_at: Option<DateTime<Utc>>) -> JobRow {
        JobRow {
            id: "scan-1".into(),
            requested_by: "auditor".into(),
            request: Default::default(),
            account_id: None,
            status,
            created_at: Utc::now(),
            started_at: None,
            finished_at,
            error: None,
            progress: None,
        }
    }

    fn live(status: JobStatus) -> LiveState {
        LiveState {
            status,
            progress: Default::default(),
            error: None,
        }
    }

    #[test]
    fn a_scan_that_ended_has_its_end_before_and_after_its_live_state_goes() {
        let ended = Utc::now();
        let row = job(JobStatus::Succeeded, Some(ended));
        let still_live = live(JobStatus::Succeeded);
        assert_eq!(
            finished_at(Some(&still_live), Some(&row), None),
            Some(ended)
        );
        assert_eq!(finished_at(None, Some(&row), None), Some(ended));
    }

    #[test]
    fn a_running_scan_has_no_end() {
        let row = job(JobStatus::Running, None);
        assert_eq!(
            finished_at(Some(&live(JobStatus::Running)), Some(&row), None),
            None
        );
        assert_eq!(
            finished_at(Some(&live(JobStatus::Queued)), Some(&row), None),
            None
        );
    }
}
