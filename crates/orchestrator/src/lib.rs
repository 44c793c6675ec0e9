//! Runs one wellscan scan end to end.
//!
//! ```text
//! inventory (demo | file) ─► checks ─► six pillar analysts in parallel ─► summary ─► Assessment ─► reports
//! ```
//!
//! [`run`] takes a [`ScanPlan`] (what to scan and produce) and [`Services`] (the analyst and
//! publisher, injected), reports [`Progress`] on a channel, and returns the [`Assessment`] with
//! where each report went. A pillar whose analyst fails falls back to the offline analyst and
//! is marked `degraded`; it never fails the scan.

mod analysis;
mod assemble;
pub mod aws;
mod history;
mod inventory;
pub mod org;
mod plan;
mod progress;
pub mod rollup;

pub use history::TREND_SCANS;
pub use inventory::{
    DEFAULT_DISCOVERY_CONCURRENCY, DEMO_INVENTORY, INPUT_FILE_MAX, InventorySource, LiveSource,
    acquire, demo_inventory, read_input_file, read_inventory_file, select_regions,
};
pub use progress::{Progress, Stage};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use tokio::sync::mpsc::UnboundedSender;
use tracing::Instrument;
use wellscan_agents::Analyst;
use wellscan_model::{Assessment, DocumentError, Inventory, ScanInfo, ScanSource, count};
use wellscan_report::{
    Format, PublishError, Published, Publisher, RenderError, RenderOptions, Rendered,
};
use wellscan_store::ScanStore;

/// What to scan and what to produce.
#[derive(Debug, Clone)]
pub struct ScanPlan {
    pub scan_id: String,
    pub source: InventorySource,
    /// `None` for every recorded region.
    pub regions: Option<Vec<String>>,
    pub checks: wellscan_checks::Config,
    /// Prices for savings estimates: the embedded table or the team's own file.
    pub prices: Arc<wellscan_checks::PriceTable>,
    pub formats: Vec<Format>,
    /// Paper size and other rendering choices.
    pub render: RenderOptions,
    /// How long one analyst call may take before its pillar falls back.
    pub analyst_timeout: Duration,
    /// How many pillar agents may run at once.
    pub agent_concurrency: usize,
    /// The token budget of each pillar brief (see `wellscan_agents::default_budget`).
    pub brief_tokens: usize,
}

/// Pillar agents at once by default: all six.
pub const DEFAULT_AGENT_CONCURRENCY: usize = 6;

/// The outside systems a scan talks to.
#[derive(Clone)]
pub struct Services {
    pub analyst: Arc<dyn Analyst>,
    /// Where the reports are written first (a local folder); a failure here fails the scan.
    pub publisher: Arc<dyn Publisher>,
    /// Where they are uploaded next (S3), if anywhere. A failure here keeps the local files and
    /// is reported in [`ScanOutcome::upload_error`].
    pub upload: Option<Arc<dyn Publisher>>,
    /// Where the scan is recorded, if anywhere (see `history.rs`).
    pub history: Option<Arc<dyn ScanStore>>,
}

/// What a finished scan produced.
#[derive(Debug, Clone)]
pub struct ScanOutcome {
    pub assessment: Assessment,
    pub published: Vec<Published>,
    /// The uploaded copies, with their download links.
    pub uploaded: Vec<Published>,
    /// Why the upload stopped, if it did; the files in `published` are whole either way.
    pub upload_error: Option<String>,
    /// Why the scan could not be recorded in the history, if it could not.
    pub history_error: Option<String>,
    /// Reports that could not be rendered, each with its reason; the others are whole.
    pub report_errors: Vec<ReportError>,
}

/// A format that could not be rendered. It never stops the other formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportError {
    pub format: Format,
    pub reason: String,
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} report was not written: {}",
            self.format, self.reason
        )
    }
}

/// Why a scan failed. Input errors name the input and the problem.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot read inventory {path}: {source}")]
    ReadInventory {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a usable inventory: {source}")]
    BadInventory {
        path: PathBuf,
        #[source]
        source: DocumentError,
    },
    #[error(transparent)]
    UnknownRegion(#[from] wellscan_model::region::UnknownRegion),
    #[error("region `{region}` is not in the recorded inventory; recorded regions: {recorded}")]
    RegionNotRecorded { region: String, recorded: String },
    #[error("could not render the {format} report: {source}")]
    Render {
        format: String,
        #[source]
        source: RenderError,
    },
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error(transparent)]
    Aws(#[from] aws::AwsError),
    #[error("cannot identify the account (STS GetCallerIdentity): {0}")]
    Identity(String),
    /// The analyst refused before the scan began (no access to the model, an unknown model).
    #[error("the analyst cannot be used: {0}")]
    AnalystRefused(String),
    /// Every call of the discovery failed; `summary` names the first few.
    #[error("nothing could be read: {summary}")]
    NothingRead { summary: String },
}

impl From<wellscan_scanner::ScanError> for ScanError {
    fn from(error: wellscan_scanner::ScanError) -> ScanError {
        use wellscan_scanner::ScanError as E;
        match error {
            E::Identity(why) => ScanError::Identity(why),
            E::UnknownRegion(unknown) => ScanError::UnknownRegion(unknown),
            nothing @ E::NothingRead { .. } => ScanError::NothingRead {
                summary: nothing.summary(),
            },
        }
    }
}

impl ScanError {
    /// True when the error is in what the user asked for (exit code 2), not in the run.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ScanError::ReadInventory { .. }
                | ScanError::BadInventory { .. }
                | ScanError::UnknownRegion(_)
                | ScanError::RegionNotRecorded { .. }
                | ScanError::AnalystRefused(_)
        )
    }
}

/// A new scan id: the UTC start time and a random suffix, so ids sort by time.
pub fn new_scan_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    format!(
        "{}-{:06x}",
        Utc::now().format("%Y%m%dT%H%M%SZ"),
        random & 0xff_ffff
    )
}

/// Runs the scan described by `plan`.
pub async fn run(
    plan: &ScanPlan,
    services: &Services,
    progress: &UnboundedSender<Progress>,
) -> Result<ScanOutcome, ScanError> {
    let span = tracing::info_span!("scan", scan_id = %plan.scan_id);
    async {
        let started_at = Utc::now();
        let send = |p: Progress| {
            // A closed channel only means nobody is watching.
            let _ = progress.send(p);
        };

        let access_usage = analysis::check_access(plan, services, progress).await?;
        send(Progress::StageStarted(Stage::Inventory));
        let mut timings = Vec::new();
        let stage = std::time::Instant::now();
        let inventory = acquire(&plan.source, plan.regions.as_deref(), progress).await?;
        send(Progress::StageFinished {
            stage: Stage::Inventory,
            detail: format!(
                "{} in {}",
                count(inventory.resources.len(), "resource", "resources"),
                count(inventory.regions.len(), "region", "regions")
            ),
        });

        timings.push(analysis::timing("inventory", stage.elapsed()));
        let mut history_error = match &services.history {
            Some(store) => {
                history::begin(
                    store.as_ref(),
                    &plan.scan_id,
                    &inventory.account_id,
                    started_at,
                )
                .await
            }
            None => None,
        };
        // What discovery read is on disk before anything else can go wrong.
        let finished = match publish_inventory(plan, services, &inventory, started_at).await {
            // Boxed: everything after the inventory is one large future.
            Ok(file) => {
                Box::pin(finish(
                    plan,
                    services,
                    progress,
                    (inventory, file),
                    timings,
                    started_at,
                    access_usage,
                ))
                .await
            }
            Err(e) => Err(e),
        };
        if let Some(store) = &services.history {
            let recorded = match &finished {
                Ok((outcome, inventory)) => {
                    let reports: Vec<&Published> =
                        outcome.published.iter().chain(&outcome.uploaded).collect();
                    history::complete(store.as_ref(), &outcome.assessment, inventory, &reports)
                        .await
                }
                Err(e) => history::fail(store.as_ref(), &plan.scan_id, &e.to_string()).await,
            };
            history_error = history_error.or(recorded);
        }
        finished.map(|(outcome, _)| ScanOutcome {
            history_error: history_error.or(outcome.history_error),
            ..outcome
        })
    }
    .instrument(span)
    .await
}

fn scan_source(plan: &ScanPlan) -> ScanSource {
    match plan.source {
        InventorySource::Demo => ScanSource::Demo,
        InventorySource::File(_) => ScanSource::Inventory,
        InventorySource::Live(_) => ScanSource::Live,
    }
}

/// Writes `inventory.json` to the publisher, the moment discovery ends.
async fn publish_inventory(
    plan: &ScanPlan,
    services: &Services,
    inventory: &Inventory,
    started_at: chrono::DateTime<Utc>,
) -> Result<(Rendered, Published), ScanError> {
    let file =
        wellscan_report::render_inventory(inventory).map_err(|source| ScanError::Render {
            format: "inventory".into(),
            source,
        })?;
    let scan = assemble::scan_info(
        &plan.scan_id,
        scan_source(plan),
        inventory,
        &plan.prices.taken_on,
        started_at,
        started_at,
    );
    let published = services
        .publisher
        .publish(&scan, &file)
        .instrument(tracing::info_span!("publish", file = %file.file_name))
        .await?;
    Ok((file, published))
}

/// Everything after the inventory: checks, analysis, reports, publishing.
async fn finish(
    plan: &ScanPlan,
    services: &Services,
    progress: &UnboundedSender<Progress>,
    (inventory, (inventory_file, inventory_published)): (Inventory, (Rendered, Published)),
    mut timings: Vec<wellscan_model::StageTiming>,
    started_at: chrono::DateTime<Utc>,
    access_usage: wellscan_model::Usage,
) -> Result<(ScanOutcome, Inventory), ScanError> {
    let send = |p: Progress| {
        let _ = progress.send(p);
    };
    send(Progress::StageStarted(Stage::Checks));
    let stage = std::time::Instant::now();
    let checked = {
        let _span = tracing::info_span!("checks").entered();
        wellscan_checks::run(&inventory, &plan.checks, &plan.prices)
    };
    let scores = wellscan_checks::score(&checked.summaries);
    timings.push(analysis::timing("checks", stage.elapsed()));
    send(Progress::StageFinished {
        stage: Stage::Checks,
        detail: format!(
            "{} from {}",
            count(checked.findings.len(), "finding", "findings"),
            count(checked.summaries.len(), "check", "checks")
        ),
    });

    let mut analysed =
        analysis::analyse(plan, services, &inventory, &checked, &scores, progress).await;
    analysed.usage.add(&access_usage);

    let source = scan_source(plan);
    let mut assessment = assemble::assessment(assemble::Parts {
        scan_id: &plan.scan_id,
        source,
        inventory: &inventory,
        checked,
        scores,
        prices_taken_on: &plan.prices.taken_on,
        analysed,
        timings,
        started_at,
        finished_at: Utc::now(),
    });
    let mut history_error = None;
    if let Some(store) = &services.history {
        match history::since_last(store.as_ref(), &assessment, &inventory).await {
            Ok(since) => assessment.since_last = Some(since),
            Err(e) => {
                history_error = Some(format!("could not compare with the previous scan: {e}"))
            }
        }
    }

    let (mut files, report_errors) = render(&plan.formats, |format| {
        wellscan_report::render(format, &assessment, &inventory, &plan.render)
    });
    let mut published = vec![inventory_published];
    published.extend(
        publish(
            services.publisher.as_ref(),
            &assessment.scan,
            &files,
            progress,
        )
        .await?,
    );
    files.insert(0, inventory_file);
    let (uploaded, upload_error) = match &services.upload {
        Some(upload) => upload_all(upload.as_ref(), &assessment.scan, &files, progress).await,
        None => (Vec::new(), None),
    };
    Ok((
        ScanOutcome {
            assessment,
            published,
            uploaded,
            upload_error,
            history_error,
            report_errors,
        },
        inventory,
    ))
}

/// Every report of the plan rendered in memory, each on its own: a format that fails (or
/// panics) is an error beside the others, never instead of them.
fn render(
    formats: &[Format],
    renderer: impl Fn(Format) -> Result<Rendered, RenderError>,
) -> (Vec<Rendered>, Vec<ReportError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for format in formats {
        let _span = tracing::info_span!("render", format = %format).entered();
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| renderer(*format)));
        let reason = match attempt {
            Ok(Ok(rendered)) => {
                files.push(rendered);
                continue;
            }
            Ok(Err(e)) => wellscan_model::error_chain(&e),
            Err(panic) => panic_message(panic.as_ref()),
        };
        tracing::error!(format = %format, %reason, "report not written");
        errors.push(ReportError {
            format: *format,
            reason,
        });
    }
    (files, errors)
}

/// What a panic said, for a report that could not be rendered.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the renderer stopped unexpectedly".to_string());
    format!("internal error: {text}")
}

async fn publish(
    publisher: &dyn Publisher,
    scan: &ScanInfo,
    files: &[Rendered],
    progress: &UnboundedSender<Progress>,
) -> Result<Vec<Published>, ScanError> {
    let _ = progress.send(Progress::StageStarted(Stage::Reports));
    let mut published = Vec::with_capacity(files.len());
    for file in files {
        let done = publisher
            .publish(scan, file)
            .instrument(tracing::info_span!("publish", file = %file.file_name))
            .await?;
        published.push(done);
    }
    let _ = progress.send(Progress::StageFinished {
        stage: Stage::Reports,
        detail: count(published.len(), "file written", "files written"),
    });
    Ok(published)
}

/// Uploads every file; stops at the first failure (the rest would meet the same bucket).
async fn upload_all(
    upload: &dyn Publisher,
    scan: &ScanInfo,
    files: &[Rendered],
    progress: &UnboundedSender<Progress>,
) -> (Vec<Published>, Option<String>) {
    let _ = progress.send(Progress::StageStarted(Stage::Upload));
    let mut uploaded = Vec::with_capacity(files.len());
    for file in files {
        match upload
            .publish(scan, file)
            .instrument(tracing::info_span!("upload", file = %file.file_name))
            .await
        {
            Ok(done) => uploaded.push(done),
            Err(error) => {
                tracing::error!(%error, "upload failed; the local reports are complete");
                return (uploaded, Some(error.to_string()));
            }
        }
    }
    let _ = progress.send(Progress::StageFinished {
        stage: Stage::Upload,
        detail: count(uploaded.len(), "file uploaded", "files uploaded"),
    });
    (uploaded, None)
}

#[cfg(test)]
mod isolation {
    use super::*;

    #[test]
    fn a_format_that_fails_or_panics_leaves_the_others_whole() {
        let formats = [Format::Json, Format::Pdf, Format::Xlsx, Format::Html];
        let (files, errors) = render(&formats, |format| match format {
            Format::Pdf => panic!("a glyph table ran out"),
            Format::Xlsx => Err(RenderError::Json(
                serde_json::from_str::<serde_json::Value>("{").expect_err("not JSON"),
            )),
            other => Ok(Rendered {
                file_name: format!("report.{other}"),
                content_type: "text/plain",
                bytes: b"whole".to_vec(),
            }),
        });
        let written: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
        assert_eq!(written, ["report.json", "report.html"]);
        let failed: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(failed.len(), 2, "{failed:?}");
        assert!(
            failed[0].starts_with("the pdf report was not written: "),
            "{failed:?}"
        );
        assert!(failed[0].contains("a glyph table ran out"), "{failed:?}");
        assert!(
            failed[1].starts_with("the xlsx report was not written: could not encode JSON"),
            "{failed:?}"
        );
    }
}
