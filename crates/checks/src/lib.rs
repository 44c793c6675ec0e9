//! wellscan's deterministic checks.
//!
//! [`run`] evaluates every check in the [`catalogue`] over an [`Inventory`] and returns the
//! findings plus, per check, how many resources it evaluated and how many failed. [`score`]
//! turns those counts into pillar and overall scores by the formula documented there. The
//! crate is pure: no I/O, no clock (ages are measured from the inventory's `scanned_at`),
//! so the same inventory always gives the same findings and scores.

mod catalogue;
mod check;
mod config;
pub mod prices;
mod rules;
mod score;
#[cfg(test)]
mod testing;

pub use catalogue::catalogue;
pub use check::{Check, CheckMeta, Context, Outcome};
pub use config::{Config, Thresholds};
pub use score::{PillarScore, Scores, score, total_savings};

use wellscan_model::{CheckSummary, Finding, Inventory};

/// What running the catalogue over one inventory produced.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRun {
    /// Findings ordered by severity (worst first), then check id, region and resource id.
    pub findings: Vec<Finding>,
    /// One entry per check that ran (skipped checks are absent), in catalogue order.
    pub summaries: Vec<CheckSummary>,
}

/// Runs every check not skipped by `config` over `inventory`.
pub fn run(inventory: &Inventory, config: &Config) -> CheckRun {
    let ctx = Context::new(inventory, config);
    let mut findings = Vec::new();
    let mut summaries = Vec::new();
    for check in catalogue() {
        if config.skips(check.meta.id) {
            continue;
        }
        let mut outcome = Outcome::default();
        (check.evaluate)(&ctx, &mut outcome);
        summaries.push(CheckSummary {
            check_id: check.meta.id.to_string(),
            pillar: check.meta.pillar,
            best_practice: check.meta.best_practice.to_string(),
            severity: check.meta.severity,
            title: check.meta.title.to_string(),
            action: check.meta.action.to_string(),
            evaluated: outcome.evaluated(),
            failed: outcome.failures().len(),
        });
        findings.extend(outcome.into_findings(&check.meta));
    }
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.check_id.cmp(&b.check_id))
            .then_with(|| a.region.cmp(&b.region))
            .then_with(|| a.resource_id.cmp(&b.resource_id))
    });
    CheckRun {
        findings,
        summaries,
    }
}
