//! `wellscan wa-tool sync`: the evidence (a recorded scan's assessment, or the checks over an
//! inventory, the demo or a fresh discovery) answered into a workload of the Well-Architected
//! Tool (`wellscan_integrations::watool`), and what changed printed per pillar and question.

use std::path::Path;

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use wellscan_integrations::watool::{self, Evidence, Proposal, SyncOptions, SyncReport};
use wellscan_model::{Assessment, CheckSummary, Finding};
use wellscan_orchestrator::InventorySource;

use crate::args::WaSyncArgs;
use crate::term::{say, warn_line};
use crate::{Exit, Failure};

/// The evidence a sync is built from, owned.
struct Owned {
    scan_id: String,
    account_id: String,
    taken_at: DateTime<Utc>,
    checks: Vec<CheckSummary>,
    findings: Vec<Finding>,
}

impl Owned {
    fn evidence(&self) -> Evidence<'_> {
        Evidence {
            scan_id: &self.scan_id,
            account_id: &self.account_id,
            taken_at: self.taken_at,
            checks: &self.checks,
            findings: &self.findings,
        }
    }
}

pub async fn sync(args: WaSyncArgs) -> Result<Exit, Failure> {
    if args
        .workload
        .as_deref()
        .is_some_and(|w| !(3..=100).contains(&w.chars().count()))
    {
        return Err(Failure::usage(
            "--workload: a workload name is 3 to 100 characters",
        ));
    }
    let caller = crate::aws::Caller::new(crate::aws::access(&args.live));
    let owned = evidence(&args, &caller).await?;
    let proposals = watool::propose(&owned.evidence());
    let Some(workload) = &args.workload else {
        // A dry run without a workload calls no API: the evidence alone.
        print(&args, &proposals, None);
        return Ok(Exit::Done);
    };
    if let Some(region) = &args.region {
        wellscan_model::region::check(region, &[]).map_err(|e| Failure::Usage(e.into()))?;
    }
    let session = caller.session().await?;
    let options = SyncOptions {
        workload: workload.clone(),
        region: args
            .region
            .clone()
            .unwrap_or_else(|| session.region().to_string()),
        dry_run: args.dry_run,
        overwrite: args.overwrite,
    };
    let milestone = format!("wellscan {}", owned.scan_id);
    let report = watool::sync(session.clients(), &proposals, &milestone, &options)
        .await
        .map_err(|e| Failure::Run(e.into()))?;
    print(&args, &proposals, Some(&report));
    if report.errors.is_empty() {
        return Ok(Exit::Done);
    }
    let lines: Vec<String> = report.errors.iter().map(|e| format!("  {e}")).collect();
    Err(Failure::Run(anyhow!(
        "the Well-Architected Tool refused {}:\n{}",
        wellscan_model::count(report.errors.len(), "call", "calls"),
        lines.join("\n")
    )))
}

/// The evidence the flags name.
async fn evidence(args: &WaSyncArgs, caller: &crate::aws::Caller) -> Result<Owned, Failure> {
    if let Some(scan_id) = &args.scan {
        let assessment = recorded(args, scan_id, caller).await?;
        return Ok(Owned {
            scan_id: assessment.scan.id.clone(),
            account_id: assessment.scan.account_id.clone(),
            taken_at: assessment.scan.inventory_taken_at,
            checks: assessment.checks,
            findings: assessment.findings,
        });
    }
    let (checks, prices) = crate::scan::rules(&args.rules)?;
    let regions = crate::scan::regions(&args.live.regions)?;
    let (source, kind) = match (&args.inventory, args.demo) {
        (Some(path), _) => (InventorySource::File(path.clone()), Some("inventory")),
        (None, true) => (InventorySource::Demo, Some("demo")),
        (None, false) => (crate::scan::live_source(&args.live, None).await?, None),
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let inventory = wellscan_orchestrator::acquire(&source, regions.as_deref(), &tx)
        .await
        .map_err(|e| match e {
            e if e.is_usage() => Failure::Usage(e.into()),
            e => Failure::Run(e.into()),
        })?;
    let run = wellscan_checks::run(&inventory, &checks, &prices);
    // The same recorded inventory is the same scan: a second sync of it changes nothing.
    let scan_id = match kind {
        Some(kind) => format!(
            "{kind}-{}-{}",
            inventory.account_id,
            inventory.scanned_at.format("%Y%m%dT%H%M%SZ")
        ),
        None => wellscan_orchestrator::new_scan_id(),
    };
    Ok(Owned {
        scan_id,
        account_id: inventory.account_id.clone(),
        taken_at: inventory.scanned_at,
        checks: run.summaries,
        findings: run.findings,
    })
}

/// The assessment of a recorded scan, read from where its reports went.
async fn recorded(
    args: &WaSyncArgs,
    scan_id: &str,
    caller: &crate::aws::Caller,
) -> Result<Assessment, Failure> {
    let store = crate::history::open_to_read(&args.history)
        .await?
        .ok_or_else(|| {
            Failure::usage("no history yet: record a scan first, or sync from --inventory")
        })?;
    let record = store
        .get(scan_id)
        .await
        .map_err(|e| Failure::Run(e.into()))?
        .ok_or_else(|| Failure::usage(format!("no scan {scan_id} in the history")))?;
    let kept: Vec<&String> = record
        .reports
        .iter()
        .filter(|r| r.ends_with("assessment.json"))
        .collect();
    let mut reasons = Vec::new();
    for place in kept {
        let text = match place.strip_prefix("s3://") {
            Some(rest) => crate::upload::read_s3(rest, caller).await,
            None => std::fs::read_to_string(Path::new(place)).map_err(|e| e.to_string()),
        };
        match text.and_then(|t| Assessment::from_json(&t).map_err(|e| e.to_string())) {
            Ok(assessment) => return Ok(assessment),
            Err(reason) => reasons.push(format!("{place}: {reason}")),
        }
    }
    Err(Failure::usage(if reasons.is_empty() {
        format!(
            "scan {scan_id} kept no assessment.json (it was written without --format json): sync from --inventory instead"
        )
    } else {
        format!(
            "the assessment of scan {scan_id} cannot be read: {}",
            reasons.join("; ")
        )
    }))
}

/// What the sync says: JSON, or per pillar and question.
fn print(args: &WaSyncArgs, proposals: &[Proposal], report: Option<&SyncReport>) {
    if args.json {
        let mut out = serde_json::json!({ "answers": proposals });
        if let Some(report) = report {
            out["workload"] = serde_json::to_value(report).unwrap_or_default();
        }
        say!(
            "{}",
            serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
        );
        return;
    }
    let Some(report) = report else {
        for p in proposals {
            say!(
                "{} / {}: select {}; unselect {}",
                p.pillar,
                p.question_id,
                list(&p.selected),
                list(&p.unselected)
            );
        }
        say!(
            "{} with evidence (dry run: nothing read or written; add --workload to compare with one)",
            wellscan_model::count(proposals.len(), "question", "questions")
        );
        return;
    };
    let verb = if args.dry_run {
        "would change"
    } else {
        "changed"
    };
    say!(
        "Workload {} ({}), lens {} {}",
        args.workload.as_deref().unwrap_or_default(),
        match (&report.workload_id, report.created) {
            (Some(id), true) => format!("created: {id}"),
            (Some(id), false) => format!("found: {id}"),
            (None, _) => "does not exist yet: would be created".into(),
        },
        watool::LENS_ALIAS,
        report
            .lens_version
            .as_deref()
            .unwrap_or(wellscan_checks::lens::LENS_VERSION)
    );
    for c in &report.changes {
        say!(
            "  {} / {}: selected {}; unselected {}{}",
            c.pillar,
            c.question_id,
            list(&c.selected),
            list(&c.unselected),
            if c.notes_changed { "; notes" } else { "" }
        );
    }
    say!(
        "{} {verb}, {} already as the evidence says; milestone {}",
        wellscan_model::count(report.changes.len(), "answer", "answers"),
        report.unchanged,
        report.milestone
    );
    if report.changes.is_empty() && report.errors.is_empty() && !args.dry_run {
        warn_line!("wellscan: nothing to change: the workload already says what the evidence says");
    }
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".into()
    } else {
        ids.join(", ")
    }
}
