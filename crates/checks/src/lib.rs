//! wellscan's deterministic checks.
//!
//! [`run`] evaluates every check in the [`catalogue`] over an [`Inventory`] and returns the
//! findings plus, per check, how many resources it evaluated and how many failed. [`score`]
//! turns those counts into pillar and overall scores by the formula documented there. The
//! crate is pure: no I/O, no clock (ages are measured from the inventory's `scanned_at`),
//! so the same inventory always gives the same findings and scores.

mod aws_estimates;
mod catalogue;
mod check;
mod config;
mod entry;
pub mod lens;
pub mod prices;
pub mod remediation;
mod rules;
mod score;
mod suppress;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod unknown;

pub use catalogue::catalogue;
pub use check::{Check, CheckMeta, Context, FixEffect, Outcome};
pub use config::{Config, ConfigError, Thresholds};
pub use entry::{CheckDetail, CheckEntry};
pub use prices::{PriceError, PriceTable};
pub use score::{PillarScore, Scores, score, total_savings};
pub use suppress::{Suppression, SuppressionError};

use std::collections::HashMap;

use wellscan_model::{
    CheckSummary, ExpiredSuppression, Finding, Inventory, Resource, SuppressedFinding,
};

/// `n` days, "1 day" for one: evidence says ages and windows this way.
pub(crate) fn days<T: std::fmt::Display + PartialEq + From<u8>>(n: T) -> String {
    if n == T::from(1) {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// What running the catalogue over one inventory produced.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRun {
    /// Findings ordered by severity (worst first), then check id, region and resource id.
    pub findings: Vec<Finding>,
    /// Findings a suppression set aside, in the same order; not counted in `summaries`.
    pub suppressed: Vec<SuppressedFinding>,
    /// Suppressions that matched a finding but had expired, so no longer applied.
    pub expired_suppressions: Vec<ExpiredSuppression>,
    /// One entry per check that ran (skipped checks are absent), in catalogue order.
    pub summaries: Vec<CheckSummary>,
}

/// Runs every check not skipped by `config` over `inventory`, pricing savings with `prices`.
pub fn run(inventory: &Inventory, config: &Config, prices: &PriceTable) -> CheckRun {
    let ctx = Context::new(inventory, config, prices);
    let today = inventory.scanned_at.date_naive();
    // Only a configuration with suppressions needs resources by id.
    // By kind too: an IAM user and an IAM role may share a name.
    let by_id: HashMap<(&str, &str, &str), &Resource> = if config.suppress.is_empty() {
        HashMap::new()
    } else {
        inventory
            .resources
            .iter()
            .map(|r| ((r.kind().id(), r.region(), r.id()), r))
            .collect()
    };
    let mut findings = Vec::new();
    let mut suppressed = Vec::new();
    let mut expired: Vec<ExpiredSuppression> = Vec::new();
    let mut summaries = Vec::new();
    for check in catalogue() {
        if config.skips(check.meta.id) {
            continue;
        }
        let mut outcome = Outcome::default();
        (check.evaluate)(&ctx, &mut outcome);
        let evaluated = outcome.evaluated();
        let not_evaluated = outcome.not_evaluated();
        let mut failed = 0;
        let mut set_aside = 0;
        for finding in outcome.into_findings(&check.meta) {
            let resource = by_id
                .get(&(
                    finding.resource_kind.as_str(),
                    finding.region.as_str(),
                    finding.resource_id.as_str(),
                ))
                .copied();
            let (by, lapsed) = suppress::apply(&config.suppress, &finding, resource, today);
            for (s, matched) in lapsed {
                let note = ExpiredSuppression {
                    check_id: s.check.clone(),
                    matched,
                    reason: s.reason.clone(),
                    expired_on: s.expires,
                };
                if !expired.contains(&note) {
                    expired.push(note);
                }
            }
            match by {
                Some((s, matched)) => {
                    set_aside += 1;
                    suppressed.push(suppress::set_aside(finding, s, matched));
                }
                None => {
                    failed += 1;
                    findings.push(finding);
                }
            }
        }
        summaries.push(CheckSummary {
            check_id: check.meta.id.to_string(),
            pillar: check.meta.pillar,
            best_practice: check.meta.best_practice.to_string(),
            wa_question: check.meta.wa_question().to_string(),
            wa_choice: check.meta.wa_choice().to_string(),
            severity: check.meta.severity,
            title: check.meta.title.to_string(),
            action: check.meta.action.to_string(),
            evaluated: evaluated - set_aside,
            failed,
            suppressed: set_aside,
            not_evaluated,
        });
    }
    aws_estimates::merge(&mut findings, &mut summaries);
    findings.sort_by(order);
    suppressed.sort_by(|a, b| order(&a.finding, &b.finding));
    CheckRun {
        findings,
        suppressed,
        expired_suppressions: expired,
        summaries,
    }
}

fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    b.severity
        .cmp(&a.severity)
        .then_with(|| a.check_id.cmp(&b.check_id))
        .then_with(|| a.region.cmp(&b.region))
        .then_with(|| a.resource_id.cmp(&b.resource_id))
}
