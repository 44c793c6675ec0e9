//! What the tools read: the history, and each recorded scan's `assessment.json` from where its
//! reports went. A finished scan's assessment never changes, so the last few asked about stay
//! in memory, parsed (for `scan_summary`) or indexed (for `findings`): an assistant paging
//! through 10,000 findings reads them once.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use wellscan_model::{Assessment, ScanRecord, ScanStatus};
use wellscan_store::ScanStore;

use crate::{FindingIndex, ToolError};

/// How many parsed assessments, and how many finding indexes, are kept.
const KEPT: usize = 4;

/// At most this many scans are read to list scans or accounts, or to find the latest one.
pub const WINDOW: usize = 5_000;

/// Reads a report where the history says it went.
#[async_trait]
pub trait Reports: Send + Sync {
    /// The text of the report at `location`: a local path or an `s3://BUCKET/KEY` URL.
    async fn read(&self, location: &str) -> Result<String, String>;
}

/// Reports on this machine's disk only.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalReports;

#[async_trait]
impl Reports for LocalReports {
    async fn read(&self, location: &str) -> Result<String, String> {
        if location.starts_with("s3://") {
            return Err(format!(
                "{location} is in S3, which this server does not read"
            ));
        }
        tokio::fs::read_to_string(location)
            .await
            .map_err(|e| format!("{location}: {e}"))
    }
}

/// The history and the reports behind it.
pub struct Archive {
    pub history: Arc<dyn ScanStore>,
    reports: Arc<dyn Reports>,
    assessments: Recent<Assessment>,
    finding_indexes: Recent<FindingIndex>,
    /// One assessment is read at a time, so a second request for it waits for the first
    /// rather than parsing it again.
    loading: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").finish_non_exhaustive()
    }
}

impl Archive {
    pub fn new(history: Arc<dyn ScanStore>, reports: Arc<dyn Reports>) -> Archive {
        Archive {
            history,
            reports,
            assessments: Recent::new(),
            finding_indexes: Recent::new(),
            loading: tokio::sync::Mutex::new(()),
        }
    }

    /// Reads the latest finished scan's findings and assessment in the background, so the
    /// first question, which is most often about it, does not wait for them.
    pub fn preload_latest(self: &Arc<Self>) {
        let archive = Arc::clone(self);
        tokio::spawn(async move {
            let Ok(record) = archive.finished(None, None).await else {
                return;
            };
            let read = match archive.findings(&record).await {
                Ok(_) => archive.assessment(&record).await.map(|_| ()),
                Err(e) => Err(e),
            };
            if let Err(e) = read {
                tracing::info!(scan = %record.scan_id, error = %e, "latest assessment not preloaded");
            }
        });
    }

    /// Scan `scan_id`'s record.
    pub async fn record(&self, scan_id: &str) -> Result<ScanRecord, ToolError> {
        self.history.get(scan_id).await?.ok_or_else(|| {
            ToolError::Input(format!(
                "no scan {scan_id} in the history: list_scans lists the scans"
            ))
        })
    }

    /// The scan named, or the latest finished scan of `account` (of any account without one).
    pub async fn finished(
        &self,
        scan: Option<&str>,
        account: Option<&str>,
    ) -> Result<ScanRecord, ToolError> {
        if let Some(scan) = scan {
            let record = self.record(scan).await?;
            return match record.status {
                ScanStatus::Succeeded | ScanStatus::Partial => Ok(record),
                ScanStatus::Running => Err(ToolError::Input(format!(
                    "scan {scan} is still running: its findings come when it ends"
                ))),
                ScanStatus::Failed => Err(ToolError::Input(format!(
                    "scan {scan} failed ({}): it has no findings",
                    record.error.as_deref().unwrap_or("no reason recorded")
                ))),
            };
        }
        let scans = self.history.list(account, WINDOW).await?;
        scans
            .into_iter()
            .find(|r| matches!(r.status, ScanStatus::Succeeded | ScanStatus::Partial))
            .ok_or_else(|| {
                ToolError::Input(match account {
                    Some(a) => format!("account {a} has no finished scan in the history"),
                    None => "the history has no finished scan yet: run `wellscan scan --demo` to record one".into(),
                })
            })
    }

    /// The assessment of the finished scan `record`, from its `assessment.json`.
    pub async fn assessment(&self, record: &ScanRecord) -> Result<Arc<Assessment>, ToolError> {
        self.load(record, &self.assessments, |text| {
            Assessment::from_json(&text).map_err(|e| e.to_string())
        })
        .await
    }

    /// The findings of the finished scan `record`, from its `assessment.json`.
    pub async fn findings(&self, record: &ScanRecord) -> Result<Arc<FindingIndex>, ToolError> {
        self.load(record, &self.finding_indexes, |text| {
            FindingIndex::from_json(text).map_err(|e| e.to_string())
        })
        .await
    }

    /// What `read` makes of the scan's `assessment.json`, kept in `recent`.
    async fn load<T: Send + Sync + 'static>(
        &self,
        record: &ScanRecord,
        recent: &Recent<T>,
        read: fn(String) -> Result<T, String>,
    ) -> Result<Arc<T>, ToolError> {
        let id = &record.scan_id;
        if let Some(kept) = recent.get(id) {
            return Ok(kept);
        }
        let _loading = self.loading.lock().await;
        if let Some(kept) = recent.get(id) {
            return Ok(kept);
        }
        let places: Vec<&String> = record
            .reports
            .iter()
            .filter(|r| r.ends_with("assessment.json"))
            .collect();
        let mut reasons = Vec::new();
        for place in places {
            let text = match self.reports.read(place).await {
                Ok(text) => text,
                Err(reason) => {
                    reasons.push(reason);
                    continue;
                }
            };
            let parsed = tokio::task::spawn_blocking(move || read(text))
                .await
                .map_err(|e| ToolError::Report(format!("reading {place}: {e}")))?;
            match parsed {
                Ok(value) => {
                    let value = Arc::new(value);
                    recent.keep(id, &value);
                    return Ok(value);
                }
                Err(e) => reasons.push(format!("{place}: {e}")),
            }
        }
        Err(ToolError::Report(if reasons.is_empty() {
            format!("scan {id} kept no assessment.json (it was written without --format json)")
        } else {
            format!(
                "the assessment of scan {id} cannot be read: {}",
                reasons.join("; ")
            )
        }))
    }
}

/// The last few things read from scans' assessments, most recent first.
struct Recent<T>(Mutex<VecDeque<(String, Arc<T>)>>);

impl<T> Recent<T> {
    fn new() -> Recent<T> {
        Recent(Mutex::new(VecDeque::new()))
    }

    fn get(&self, id: &str) -> Option<Arc<T>> {
        let recent = self.0.lock().unwrap_or_else(|e| e.into_inner());
        recent
            .iter()
            .find(|(kept, _)| kept == id)
            .map(|(_, a)| Arc::clone(a))
    }

    fn keep(&self, id: &str, value: &Arc<T>) {
        let mut recent = self.0.lock().unwrap_or_else(|e| e.into_inner());
        recent.retain(|(kept, _)| kept != id);
        recent.push_front((id.to_string(), Arc::clone(value)));
        recent.truncate(KEPT);
    }
}
