//! `wellscan scan --org`: every account of the organisation, each into `--out/<account-id>/`,
//! and the rollup into `--out/org/`. An account that cannot be scanned is said on stderr and
//! listed in the rollup; the run fails only when no account could be scanned or the rollup
//! could not be written.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::anyhow;
use wellscan_model::{OrgRollup, count};
use wellscan_orchestrator::org::{
    AccountFilter, OrgOutcome, OrgProgress, OrgRun, OrgServices, ROLLUP_FOLDER,
};
use wellscan_report::{LocalDir, Publisher};

use crate::args::ScanArgs;
use crate::scan::Setup;
use crate::term::{say, warn_line};
use crate::{Exit, Failure};

pub async fn scan(args: ScanArgs) -> Result<Exit, Failure> {
    let setup = Setup::new(&args).await?;
    let role_name = args.org_role.clone().unwrap_or_default();
    if role_name.is_empty() || role_name.contains(['/', ':']) {
        return Err(Failure::usage(format!(
            "--org-role `{role_name}`: give the role's name, the same in every account (e.g. OrganizationAccountAccessRole), not an ARN"
        )));
    }
    let session = setup.caller.session().await?;
    let filter = AccountFilter {
        only: args
            .accounts
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        exclude: args
            .exclude
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
    };
    let accounts = wellscan_orchestrator::org::list_accounts(session, &filter)
        .await
        .map_err(|e| match e {
            wellscan_orchestrator::org::OrgError::List { .. } => Failure::Run(e.into()),
            e => Failure::Usage(e.into()),
        })?;

    let run_id = wellscan_orchestrator::new_scan_id();
    let out = crate::out::absolute(
        &args
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from("wellscan-out").join(&run_id)),
    );
    let out_dir = crate::out::OutDir::claim_org(&out, args.force)?;
    let root = out_dir.path().to_path_buf();
    let publisher_for =
        move |folder: &str| -> Arc<dyn Publisher> { Arc::new(LocalDir::new(root.join(folder))) };
    let org = OrgRun {
        run_id: run_id.clone(),
        role_name,
        external_id: args.live.external_id.clone(),
        filter,
        account_concurrency: args.account_concurrency,
        discovery_concurrency: args.live.bounds.concurrency,
        deadline: args
            .live
            .bounds
            .deadline
            .map(std::time::Duration::from_secs),
        plan: setup.plan(
            &args,
            run_id.clone(),
            wellscan_orchestrator::InventorySource::Demo,
        ),
    };
    let services = OrgServices {
        analyst: setup.analyst.clone(),
        history: setup.history.clone(),
        upload: setup.upload.clone(),
        publisher_for: Arc::new(publisher_for),
    };
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let watcher = (!args.quiet).then(|| tokio::spawn(progress(rx)));
    let result = wellscan_orchestrator::org::run(
        &crate::aws::access(&args.live),
        session.partition(),
        &org,
        accounts,
        &services,
        &tx,
    )
    .await;
    drop(tx);
    if let Some(watcher) = watcher {
        let _ = watcher.await;
    }
    let outcome = result.map_err(|e| Failure::Run(e.into()))?;
    finish(
        &outcome,
        &out.join(ROLLUP_FOLDER),
        args.quiet,
        args.fail_on.map(|f| f.severity()),
    )
}

/// What a finished run prints, and how it exits; `rollup_dir` is where the rollup was written.
pub fn finish(
    outcome: &OrgOutcome,
    rollup_dir: &Path,
    quiet: bool,
    fail_on: Option<wellscan_model::Severity>,
) -> Result<Exit, Failure> {
    let rollup = &outcome.rollup;
    if !quiet {
        summary(rollup, &outcome.published, &outcome.uploaded);
    }
    for warning in &outcome.warnings {
        warn_line!("wellscan: warning: {warning}");
    }
    for u in &rollup.unscanned {
        warn_line!(
            "wellscan: warning: account {} was not scanned: {}",
            u.account_id,
            u.reason
        );
    }
    if !outcome.report_errors.is_empty() {
        let failed: Vec<String> = outcome
            .report_errors
            .iter()
            .map(|e| e.to_string())
            .collect();
        return Err(Failure::Run(anyhow!(
            "{}\nThe rest of the rollup is complete in {}.",
            failed.join("\n"),
            rollup_dir.display()
        )));
    }
    if let Some(error) = &outcome.upload_error {
        return Err(Failure::Run(anyhow!(
            "{error}\nThe rollup is complete in {}.",
            rollup_dir.display()
        )));
    }
    if rollup.accounts.is_empty() {
        return Err(Failure::Run(anyhow!(
            "no account could be scanned ({}); the rollup in {} lists why",
            count(rollup.unscanned.len(), "account", "accounts"),
            rollup_dir.display()
        )));
    }
    match (fail_on, rollup.worst_severity()) {
        (Some(threshold), Some(worst)) if worst >= threshold => Ok(Exit::FindingsAboveThreshold),
        _ => Ok(Exit::Done),
    }
}

fn summary(
    rollup: &OrgRollup,
    published: &[wellscan_report::Published],
    uploaded: &[wellscan_report::Published],
) {
    say!(
        "Organisation: {} scanned, {} not; {} in all, {} a month to save",
        count(rollup.accounts.len(), "account", "accounts"),
        rollup.unscanned.len(),
        count(rollup.findings, "finding", "findings"),
        wellscan_model::usd(rollup.monthly_savings_usd)
    );
    for a in rollup.accounts.iter().take(5) {
        say!(
            "  {} {}: {}/100, {}",
            a.account_id,
            a.name,
            a.overall_score,
            count(a.findings, "finding", "findings")
        );
    }
    if rollup.accounts.len() > 5 {
        say!(
            "  … and {} more (lowest scores shown)",
            rollup.accounts.len() - 5
        );
    }
    for p in published.iter().chain(uploaded) {
        say!("  {}", p.location);
    }
}

/// One line per account as it starts and ends.
async fn progress(mut rx: tokio::sync::mpsc::UnboundedReceiver<OrgProgress>) {
    while let Some(event) = rx.recv().await {
        match event {
            OrgProgress::Listed { accounts } => {
                say!(
                    "Organisation: {} to scan",
                    count(accounts, "account", "accounts")
                )
            }
            OrgProgress::Started { account } => say!("{} {}: scanning…", account.id, account.name),
            OrgProgress::Scanned {
                account,
                score,
                findings,
            } => say!(
                "{} {}: {score}/100, {}",
                account.id,
                account.name,
                count(findings, "finding", "findings")
            ),
            OrgProgress::Unscanned { account, reason } => {
                warn_line!("{} {}: not scanned: {reason}", account.id, account.name)
            }
        }
    }
}

/// `wellscan org rollup`: the rollup of the organisation's accounts from their latest scans in
/// the history since `--since`.
pub async fn rollup(args: crate::args::RollupArgs) -> Result<Exit, Failure> {
    let formats = crate::scan::formats(&args.reports.format)?;
    let paper = crate::scan::paper(args.reports.paper.as_deref(), &formats)?;
    let since = match &args.since {
        Some(text) => chrono::DateTime::parse_from_rfc3339(text.trim())
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|e| {
                Failure::usage(format!(
                    "--since `{text}`: {e}; write a time such as 2026-12-03T02:00:00Z"
                ))
            })?,
        None => chrono::Utc::now() - chrono::Duration::hours(24),
    };
    crate::history::validate(&args.store)?;
    let caller = crate::aws::Caller::new(wellscan_orchestrator::aws::Access {
        profile: args.caller.profile.clone(),
        endpoint_url: args.caller.endpoint_url.clone(),
    });
    let store = crate::history::open(&args.store, &caller).await?;
    let upload = crate::upload::publisher(&args.upload, &caller).await?;
    let filter = AccountFilter {
        only: trimmed(&args.accounts),
        exclude: trimmed(&args.exclude),
    };
    let accounts = wellscan_orchestrator::org::list_accounts(caller.session().await?, &filter)
        .await
        .map_err(list_failure)?;

    let run_id = wellscan_orchestrator::new_scan_id();
    let out = crate::out::absolute(&args.out.clone().unwrap_or_else(|| {
        PathBuf::from("wellscan-out")
            .join(&run_id)
            .join(ROLLUP_FOLDER)
    }));
    let out_dir = crate::out::OutDir::claim_rollup(&out, args.force)?;
    let rollup =
        wellscan_orchestrator::rollup::from_history(store.as_ref(), &accounts, since, &run_id)
            .await
            .map_err(|e| Failure::Run(anyhow!("cannot read the history: {e}")))?;
    let published = wellscan_orchestrator::org::publish_rollup(
        &rollup,
        &formats,
        &wellscan_report::RenderOptions { paper },
        &LocalDir::new(out_dir.path()),
        upload.as_ref().map(|u| u as &dyn Publisher),
        since,
    )
    .await
    .map_err(|e| Failure::Run(e.into()))?;
    let outcome = OrgOutcome {
        rollup,
        published: published.published,
        uploaded: published.uploaded,
        upload_error: published.upload_error,
        report_errors: published.report_errors,
        warnings: Vec::new(),
    };
    finish(
        &outcome,
        &out,
        args.quiet,
        args.fail_on.map(|f| f.severity()),
    )
}

fn trimmed(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// A listing refused by Organizations is the run's failure; a malformed filter is the user's.
fn list_failure(e: wellscan_orchestrator::org::OrgError) -> Failure {
    match e {
        wellscan_orchestrator::org::OrgError::List { .. } => Failure::Run(e.into()),
        e => Failure::Usage(e.into()),
    }
}
