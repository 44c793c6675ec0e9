//! `wellscan scan`: checks the request, runs the orchestrator, prints the outcome.

use crate::term::warn_line;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use wellscan_orchestrator::{InventorySource, LiveSource, ScanPlan, Services};
use wellscan_report::{Format, LocalDir};

use crate::args::{Ai, AnalysisArgs, LiveArgs, RulesArgs, ScanArgs};
use crate::{Exit, Failure, config, display};

/// What every scan of a run shares, whatever it scans: the checks, prices, formats, the
/// history, the upload and the analyst.
pub struct Setup {
    pub formats: Vec<Format>,
    pub paper: wellscan_report::Paper,
    pub regions: Option<Vec<String>>,
    pub checks: wellscan_checks::Config,
    pub prices: Arc<wellscan_checks::PriceTable>,
    pub caller: crate::aws::Caller,
    pub history: Option<Arc<dyn wellscan_store::ScanStore>>,
    pub upload: Option<Arc<dyn wellscan_report::Publisher>>,
    pub analyst: Arc<dyn wellscan_agents::Analyst>,
    /// Where `--notify` sends the scan's message.
    pub notify: Vec<wellscan_integrations::notify::Target>,
}

impl Setup {
    /// Reads and checks everything the flags name before any scan starts.
    pub async fn new(args: &ScanArgs) -> Result<Setup, Failure> {
        refuse_unbuilt(&args.analysis)?;
        let formats = formats(&args.reports.format)?;
        let paper = paper(args.reports.paper.as_deref(), &formats)?;
        let regions = regions(&args.live.regions)?;
        let (checks, prices) = rules(&args.rules)?;
        // One caller session for the history, the upload and Bedrock, loaded when first needed.
        let caller = crate::aws::Caller::new(crate::aws::access(&args.live));
        // The history never decides a scan's fate: one that cannot be opened is a warning.
        if !args.no_history {
            crate::history::validate(&args.history)?;
        }
        let history = match args.no_history {
            true => None,
            false => match crate::history::open(&args.history, &caller).await {
                Ok(store) => Some(store),
                Err(e) => {
                    warn_line!(
                        "wellscan: warning: the history cannot be opened, so this scan will not be recorded: {}",
                        e.message()
                    );
                    None
                }
            },
        };
        let upload = crate::upload::publisher(&args.upload, &caller)
            .await?
            .map(|u| Arc::new(u) as Arc<dyn wellscan_report::Publisher>);
        let analyst = analyst(&args.analysis, &caller).await?;
        let notify = crate::notify::targets(&args.notify)?;
        Ok(Setup {
            formats,
            paper,
            regions,
            checks,
            prices,
            caller,
            history,
            upload,
            analyst,
            notify,
        })
    }

    /// The plan of one scan, `source` aside.
    pub fn plan(&self, args: &ScanArgs, scan_id: String, source: InventorySource) -> ScanPlan {
        ScanPlan {
            scan_id,
            source,
            regions: self.regions.clone(),
            checks: self.checks.clone(),
            prices: self.prices.clone(),
            formats: self.formats.clone(),
            render: wellscan_report::RenderOptions { paper: self.paper },
            analyst_timeout: Duration::from_secs(args.analysis.agent_timeout),
            agent_concurrency: args.analysis.agent_concurrency,
            brief_tokens: brief_tokens(&args.analysis),
        }
    }
}

pub async fn run(args: ScanArgs) -> Result<Exit, Failure> {
    if args.org {
        return crate::org::scan(args).await;
    }
    let setup = Setup::new(&args).await?;
    let scan_id = wellscan_orchestrator::new_scan_id();
    let started_at = chrono::Utc::now();
    let source = match inventory_source(&args, &setup).await {
        Ok(source) => source,
        Err(failure) => {
            record_unreached(&args, &setup, &scan_id, started_at, &failure.message()).await;
            return Err(failure);
        }
    };
    // Where --security-hub imports: the scanned account's session (a recorded inventory's
    // account is the caller's).
    let hub_session = match (&source, args.security_hub) {
        (_, false) => None,
        (InventorySource::Live(live), true) => Some(live.session.clone()),
        (_, true) => Some(setup.caller.session().await?.clone()),
    };
    let out = crate::out::absolute(
        &args
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from("wellscan-out").join(&scan_id)),
    );
    // Held to the end of the run: the lock, and the clean-up of a run that wrote nothing.
    let out_dir = crate::out::OutDir::claim(&out, args.force)?;
    let publisher = LocalDir::new(out_dir.path());

    let plan = setup.plan(&args, scan_id.clone(), source);
    let services = Services {
        analyst: setup.analyst.clone(),
        publisher: Arc::new(publisher),
        upload: setup.upload.clone(),
        history: setup.history.clone(),
    };

    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let watcher = (!args.quiet).then(|| tokio::spawn(display::progress(rx)));
    let result = wellscan_orchestrator::run(&plan, &services, &tx).await;
    drop(tx);
    if let Some(watcher) = watcher {
        // The display ends when the channel closes; its failure never fails the scan.
        let _ = watcher.await;
    }
    if let Err(e) = &result {
        record_unreached(
            &args,
            &setup,
            &scan_id,
            started_at,
            &wellscan_model::error_chain(e),
        )
        .await;
    }
    let outcome = result.map_err(|e| match e {
        wellscan_orchestrator::ScanError::AnalystRefused(_) => {
            Failure::usage(format!("{e}. Or scan with --ai offline."))
        }
        e if e.is_usage() => Failure::Usage(e.into()),
        e => Failure::Run(e.into()),
    })?;

    if !args.quiet {
        display::summary(&outcome);
    }
    if let Some(error) = &outcome.history_error {
        warn_line!("wellscan: warning: the scan was not recorded in the history: {error}");
    }
    crate::notify::send(&setup.notify, &setup.caller, &outcome).await;
    let hub_error = match &hub_session {
        Some(session) => crate::securityhub::import(session, &outcome.assessment, args.quiet).await,
        None => None,
    };
    if !outcome.report_errors.is_empty() {
        let failed: Vec<String> = outcome
            .report_errors
            .iter()
            .map(|e| e.to_string())
            .collect();
        return Err(Failure::Run(anyhow!(
            "{}\nThe other reports and inventory.json are complete in {}.",
            failed.join("\n"),
            out.display()
        )));
    }
    if let Some(error) = &outcome.upload_error {
        return Err(Failure::Run(anyhow!(
            "{error}\nThe reports are complete in {}.",
            out.display()
        )));
    }
    if let Some(error) = hub_error {
        return Err(Failure::Run(anyhow!(
            "{error}\nThe reports are complete in {}.",
            out.display()
        )));
    }
    let threshold = args.fail_on.map(|f| f.severity());
    if let (Some(threshold), Some(worst)) = (threshold, outcome.assessment.worst_severity())
        && worst >= threshold
    {
        return Ok(Exit::FindingsAboveThreshold);
    }
    if let Some(threshold) = args.fail_on_new.map(|f| f.severity()) {
        let new = new_at_or_above(&outcome.assessment, threshold);
        if new > 0 {
            warn_line!(
                "wellscan: {} at or above {threshold} since the previous scan (--fail-on-new)",
                wellscan_model::count(new, "new finding", "new findings")
            );
            return Ok(Exit::FindingsAboveThreshold);
        }
    }
    Ok(Exit::Done)
}

/// How many findings at or above `threshold` are new since the account's previous scan; every
/// finding of a scan with no earlier one to compare with.
fn new_at_or_above(a: &wellscan_model::Assessment, threshold: wellscan_model::Severity) -> usize {
    match a.since_last.as_ref().and_then(|s| s.diff.as_ref()) {
        Some(diff) => diff.new.iter().filter(|f| f.severity >= threshold).count(),
        None => a
            .findings
            .iter()
            .filter(|f| f.severity >= threshold)
            .count(),
    }
}

/// A scan of one organisation account (`--account`) that failed before its record began is
/// recorded as failed, so the rollup and the history know the account was tried.
async fn record_unreached(
    args: &ScanArgs,
    setup: &Setup,
    scan_id: &str,
    started_at: chrono::DateTime<chrono::Utc>,
    reason: &str,
) {
    if let (Some(account), Some(store)) = (&args.account, &setup.history) {
        wellscan_orchestrator::org::record_unscanned(
            store.as_ref(),
            scan_id,
            account,
            started_at,
            reason,
        )
        .await;
    }
}

/// The analyst `--ai` asks for. Bedrock uses the standard credential chain (or `--profile`),
/// not the scan's assumed role, and honours `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`.
/// The token budget of each pillar brief: `--brief-tokens`, or what the model's context allows.
pub fn brief_tokens(args: &AnalysisArgs) -> usize {
    args.brief_tokens.unwrap_or_else(|| {
        args.model.as_deref().map_or(
            wellscan_agents::DEFAULT_BRIEF_TOKENS,
            wellscan_agents::default_budget,
        )
    })
}

/// The checks' configuration (`--config`) and the price table (`--prices`).
pub fn rules(
    args: &RulesArgs,
) -> Result<(wellscan_checks::Config, Arc<wellscan_checks::PriceTable>), Failure> {
    let checks = match &args.config {
        Some(path) => config::load(path).map_err(Failure::Usage)?.checks,
        None => wellscan_checks::Config::default(),
    };
    let prices = match &args.prices {
        Some(path) => Arc::new(config::load_prices(path).map_err(Failure::Usage)?),
        None => Arc::new(wellscan_checks::PriceTable::embedded().clone()),
    };
    Ok((checks, prices))
}

pub async fn analyst(
    args: &AnalysisArgs,
    caller: &crate::aws::Caller,
) -> Result<Arc<dyn wellscan_agents::Analyst>, Failure> {
    let (Ai::Bedrock, Some(model)) = (args.ai, &args.model) else {
        return Ok(Arc::new(wellscan_agents::Offline));
    };
    let session = caller
        .session()
        .await
        .map_err(|e| Failure::usage(format!("--ai bedrock: {}", e.message())))?;
    let client = match &args.bedrock_region {
        Some(region) => session.client_in(region),
        None => session.client(),
    };
    Ok(Arc::new(wellscan_agents::Bedrock::new(
        client,
        model.clone(),
    )))
}

async fn inventory_source(args: &ScanArgs, setup: &Setup) -> Result<InventorySource, Failure> {
    if args.demo {
        return Ok(InventorySource::Demo);
    }
    if let Some(path) = &args.inventory {
        return Ok(InventorySource::File(path.clone()));
    }
    let role_arn = match (&args.account, &args.org_role) {
        (Some(account), Some(role)) => {
            if wellscan_orchestrator::org::AccountFilter::is_account_id(account) {
                let partition = setup.caller.session().await?.partition();
                Some(wellscan_orchestrator::org::role_arn(
                    partition, account, role,
                ))
            } else {
                return Err(Failure::usage(format!(
                    "--account {account}: an account id is 12 digits"
                )));
            }
        }
        _ => None,
    };
    live_source(&args.live, role_arn).await
}

/// The live account `args` point at: credentials from the standard chain or a profile, an
/// assumed role when asked (`--role-arn`, or `role_arn`), and the scanner's bounds.
pub async fn live_source(
    args: &LiveArgs,
    role_arn: Option<String>,
) -> Result<InventorySource, Failure> {
    let live = LiveSource {
        concurrency: args.bounds.concurrency,
        deadline: args.bounds.deadline.map(Duration::from_secs),
        ..LiveSource::new(crate::aws::target(args, role_arn).await?)
    };
    Ok(InventorySource::Live(Box::new(live)))
}

/// Flags whose stage is not built yet say so instead of being ignored.
pub fn refuse_unbuilt(args: &AnalysisArgs) -> Result<(), Failure> {
    if args.ai != Ai::Bedrock && (args.model.is_some() || args.bedrock_region.is_some()) {
        return Err(Failure::usage(
            "--model and --bedrock-region choose the Bedrock analyst: add --ai bedrock",
        ));
    }
    if args.ai == Ai::Bedrock && args.model.is_none() {
        return Err(Failure::usage(
            "--ai bedrock needs --model (a model id, inference profile id or ARN), e.g. --model us.anthropic.claude-sonnet-4-20250514-v1:0",
        ));
    }
    Ok(())
}

/// The PDF's paper size; `--paper` without a PDF to print it on is refused.
pub fn paper(name: Option<&str>, formats: &[Format]) -> Result<wellscan_report::Paper, Failure> {
    let Some(name) = name else {
        return Ok(wellscan_report::Paper::default());
    };
    let paper = name.parse().map_err(Failure::usage)?;
    if !formats.contains(&Format::Pdf) {
        return Err(Failure::usage(
            "--paper sets the PDF's page size: add pdf to --format",
        ));
    }
    Ok(paper)
}

pub fn formats(names: &[String]) -> Result<Vec<Format>, Failure> {
    let mut formats = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        let format: Format = name.parse().map_err(Failure::usage)?;
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    if formats.is_empty() {
        return Err(Failure::usage(
            "--format needs at least one format: pdf, xlsx, html, json, ocsf",
        ));
    }
    Ok(formats)
}

pub fn regions(value: &str) -> Result<Option<Vec<String>>, Failure> {
    if value.trim().eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    let regions: Vec<String> = value
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(String::from)
        .collect();
    if regions.is_empty() {
        return Err(Failure::usage(
            "--regions needs `all` or a comma-separated list of regions",
        ));
    }
    Ok(Some(regions))
}
