//! What the terminal shows: progress while a scan runs, a summary when it ends.

use crate::term::{say, say_part, warn_line};
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use tokio::sync::mpsc::UnboundedReceiver;
use wellscan_model::{Assessment, Discovery, Finding, Pillar, count};
use wellscan_orchestrator::{Progress, ScanOutcome};

/// Renders progress events until the channel closes: a spinner on a terminal, plain lines
/// on stderr otherwise (CI logs).
pub async fn progress(mut rx: UnboundedReceiver<Progress>) {
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed:>4} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    });
    while let Some(event) = rx.recv().await {
        let line = match &event {
            Progress::StageStarted(stage) => {
                if let Some(bar) = &bar {
                    bar.set_message(format!("{}…", stage.title()));
                }
                continue;
            }
            Progress::StageFinished { stage, detail } => format!("{}: {detail}", stage.title()),
            Progress::Discovery(event) => match discovery_line(event) {
                Some(line) => line,
                None => {
                    if let (Some(bar), Discovery::UnitStarted { region, service }) = (&bar, event) {
                        bar.set_message(format!("scanning {region} {service}…"));
                    }
                    continue;
                }
            },
            Progress::Warning(warning) => {
                let line = format!("wellscan: warning: {warning}");
                match &bar {
                    Some(bar) => bar.println(crate::term::clean(&line)),
                    None => warn_line!("{line}"),
                }
                continue;
            }
            Progress::PillarStarted { pillar } => {
                if let Some(bar) = &bar {
                    bar.set_message(format!("{pillar} agent…"));
                    continue;
                }
                format!("{pillar}: agent started")
            }
            Progress::PillarFinished {
                pillar,
                degraded: Some(reason),
                elapsed,
                ..
            } => {
                format!(
                    "{pillar}: degraded after {:.1} s, offline analysis used ({reason})",
                    elapsed.as_secs_f64()
                )
            }
            Progress::PillarFinished {
                pillar,
                source,
                rating,
                elapsed,
                ..
            } => {
                let rating = rating.map(|r| format!(", rated {r}")).unwrap_or_default();
                format!(
                    "{pillar}: analysed ({}{rating}) in {:.1} s",
                    source_name(*source),
                    elapsed.as_secs_f64()
                )
            }
        };
        match &bar {
            Some(bar) => bar.println(crate::term::clean(&format!("  ✓ {line}"))),
            None => warn_line!("wellscan: {line}"),
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

/// What a discovery event says on its own line, if anything.
fn discovery_line(event: &Discovery) -> Option<String> {
    match event {
        Discovery::Started {
            account_id,
            regions,
            not_enabled,
        } => {
            let mut line = format!(
                "account {account_id}: scanning {}",
                count(regions.len(), "region", "regions")
            );
            if !not_enabled.is_empty() {
                line.push_str(&format!(
                    " ({} not enabled: {})",
                    count(not_enabled.len(), "opt-in region", "opt-in regions"),
                    not_enabled.join(", ")
                ));
            }
            Some(line)
        }
        Discovery::UnitFinished {
            region,
            service,
            resources,
            gaps,
        } => Some(match gaps {
            0 => format!(
                "{region} {service}: {}",
                count(*resources, "resource", "resources")
            ),
            n => format!(
                "{region} {service}: {}, {}",
                count(*resources, "resource", "resources"),
                count(*n, "coverage gap", "coverage gaps")
            ),
        }),
        Discovery::DeadlineReached => {
            Some("deadline reached: unfinished work is listed as coverage gaps".into())
        }
        Discovery::UnitStarted { .. } => None,
    }
}

/// How many coverage gaps the terminal lists before summarising the rest.
const GAPS_SHOWN: usize = 10;

/// Lists coverage gaps on stdout.
pub fn gaps(gaps: &[wellscan_model::CoverageGap]) {
    if gaps.is_empty() {
        say!("Coverage gaps: none");
        return;
    }
    say!(
        "Coverage gaps ({}): these parts of the account could not be read",
        gaps.len()
    );
    for g in gaps.iter().take(GAPS_SHOWN) {
        say!("  {} {} {}: {}", g.region, g.service, g.operation, g.error);
    }
    if gaps.len() > GAPS_SHOWN {
        say!(
            "  … and {} more (all are in the reports)",
            gaps.len() - GAPS_SHOWN
        );
    }
}

/// Checks that left resources unjudged because a fact was not read.
fn not_evaluated(checks: &[wellscan_model::CheckSummary]) {
    let unjudged: Vec<_> = checks.iter().filter(|c| c.not_evaluated > 0).collect();
    if unjudged.is_empty() {
        return;
    }
    let checks = count(unjudged.len(), "check", "checks");
    say!(
        "Not evaluated: {checks} could not judge some resources (a fact they decide on was not read; neither passed nor failed)"
    );
    for c in unjudged.iter().take(GAPS_SHOWN) {
        say!(
            "  {}: {} not evaluated, {} evaluated",
            c.check_id,
            c.not_evaluated,
            c.evaluated
        );
    }
}

fn source_name(source: wellscan_model::AnalysisSource) -> &'static str {
    match source {
        wellscan_model::AnalysisSource::Bedrock => "Bedrock",
        wellscan_model::AnalysisSource::Offline => "offline",
    }
}

/// How many checks' findings the terminal summary lists.
const TOP_FINDINGS: usize = 8;

/// Prints the outcome on stdout.
pub fn summary(outcome: &ScanOutcome) {
    say_part!("{}", render_summary(&outcome.assessment));
    let not_enabled = &outcome.assessment.scan.regions_not_enabled;
    if !not_enabled.is_empty() {
        say!(
            "Regions not enabled (not scanned): {}",
            not_enabled.join(", ")
        );
    }
    gaps(&outcome.assessment.scan.coverage_gaps);
    not_evaluated(&outcome.assessment.checks);
    suppressions(&outcome.assessment);
    say!();
    say!("Reports:");
    for p in &outcome.published {
        say!("  {}", p.location);
    }
    if !outcome.uploaded.is_empty() {
        say!();
        say!("Uploaded (download links expire; the objects stay):");
        for p in &outcome.uploaded {
            say!("  {}: {}", p.file_name, p.location);
        }
    }
}

fn render_summary(a: &Assessment) -> String {
    let mut out = String::new();
    let s = &a.scan;
    out.push_str(&format!(
        "\nAccount {} · {} · {} · scan {}\n\n",
        s.account_id,
        s.regions.join(", "),
        count(s.resources, "resource", "resources"),
        s.id
    ));
    out.push_str(&format!("Overall score  {:>3}/100\n\n", a.overall_score));
    for pillar in Pillar::ALL {
        if let Some(p) = a.pillar(pillar) {
            let note = if p.checks_evaluated == 0 {
                "  (not assessed)"
            } else {
                ""
            };
            let rating = match p.rating {
                Some(r) if p.rating_disagrees => {
                    format!("  analyst rates it {r}: disagrees with the score")
                }
                Some(r) => format!("  rated {r}"),
                None => String::new(),
            };
            out.push_str(&format!(
                "  {:<24} {:>3}  {}  {}{note}{rating}\n",
                pillar.title(),
                p.score,
                bar(p.score),
                count(p.findings, "finding", "findings")
            ));
        }
    }
    let degraded: Vec<&wellscan_model::PillarAssessment> =
        a.pillars.iter().filter(|p| p.degraded.is_some()).collect();
    if let Some(first) = degraded.first() {
        let names: Vec<&str> = degraded.iter().map(|p| p.pillar.title()).collect();
        out.push_str(&format!(
            "\nDegraded: {} of {} fell back to the offline analyst ({}): {}\n",
            degraded.len(),
            count(a.pillars.len(), "pillar", "pillars"),
            names.join(", "),
            first.degraded.as_deref().unwrap_or_default()
        ));
    }
    if let Some(reason) = &a.executive_summary.degraded {
        out.push_str(&format!(
            "Degraded: the executive summary fell back to the offline analyst: {reason}\n"
        ));
    }
    out.push_str(&format!("\n{}\n", a.executive_summary.headline));
    if !a.findings.is_empty() {
        out.push_str(&format!("\nTop findings ({} in all):\n", a.findings.len()));
        for (f, count) in worst_per_check(a).into_iter().take(TOP_FINDINGS) {
            let more = if count > 1 {
                format!("  (+{} more)", count - 1)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  {:<9}{}{more}\n",
                f.severity.id().to_uppercase(),
                f.title
            ));
            out.push_str(&format!(
                "  {:<9}{} ({}): {}\n",
                "", f.resource_name, f.region, f.evidence
            ));
        }
    }
    if !a.trade_offs.is_empty() {
        out.push_str(&format!(
            "\nTrade-offs ({}): advice that pulls one resource two ways\n",
            a.trade_offs.len()
        ));
        for t in a.trade_offs.iter().take(TOP_FINDINGS) {
            out.push_str(&format!(
                "  {} ({}) vs {} ({})\n",
                t.reduce.title,
                pillar_list(&t.reduce.pillars),
                t.strengthen.title,
                pillar_list(&t.strengthen.pillars)
            ));
            let names: Vec<&str> = t
                .resources
                .iter()
                .map(|r| r.name.as_str())
                .take(3)
                .collect();
            let more = t.resources.len().saturating_sub(names.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            out.push_str(&format!("    on {}{more}\n", names.join(", ")));
        }
    }
    out.push_str(&format!(
        "\nEstimated savings: {}/month\n",
        wellscan_model::usd(a.executive_summary.monthly_savings_usd)
    ));
    if a.usage.model_calls > 0 {
        out.push_str(&format!(
            "Model usage: {}, {} input and {} output tokens, about ${:.2}\n",
            count(a.usage.model_calls as usize, "call", "calls"),
            a.usage.input_tokens,
            a.usage.output_tokens,
            a.usage.estimated_cost_usd
        ));
    }
    out
}

/// The worst finding of each check with how many findings the check has, worst checks first.
/// Findings arrive sorted by severity then check, so the first of each check is its worst.
fn worst_per_check(a: &Assessment) -> Vec<(&Finding, usize)> {
    let mut out: Vec<(&Finding, usize)> = Vec::new();
    for f in &a.findings {
        match out
            .iter_mut()
            .find(|(first, _)| first.check_id == f.check_id)
        {
            Some((_, count)) => *count += 1,
            None => out.push((f, 1)),
        }
    }
    out
}

fn pillar_list(pillars: &[Pillar]) -> String {
    pillars
        .iter()
        .map(|p| p.title())
        .collect::<Vec<_>>()
        .join(", ")
}

fn bar(score: u8) -> String {
    let filled = usize::from(score) / 5;
    format!("{}{}", "█".repeat(filled), "░".repeat(20 - filled))
}

fn suppressions(a: &Assessment) {
    if !a.suppressed.is_empty() {
        say!(
            "Suppressed (listed apart, not scored): {}",
            count(a.suppressed.len(), "finding", "findings")
        );
    }
    for e in &a.expired_suppressions {
        say!(
            "Suppression expired on {}: {} on {} (\"{}\"); its findings count again",
            e.expired_on,
            e.check_id,
            e.matched,
            e.reason
        );
    }
}
