//! The scoring formula.
//!
//! Each check has a severity weight: critical 10, high 5, medium 3, low 1, informational 0.
//! A check that evaluated at least one resource contributes its pass rate
//! `(evaluated - failed) / evaluated`, weighted by its severity, to its primary pillar:
//!
//! ```text
//! pillar score  = round(100 × Σ weight(c) × pass_rate(c) / Σ weight(c))   over the pillar's checks
//! overall score = round(mean of the scores of the pillars with at least one evaluated check)
//! ```
//!
//! A pillar with no evaluated check scores 100 and reports `checks_evaluated = 0`, which the
//! reports show as "not assessed". Consequences a user can rely on: a score is always within
//! 0–100; fixing a failing resource never lowers a score; adding a passing resource never
//! lowers one; nothing but check results moves a score. Suppressed resources are left out of
//! `evaluated` and `failed` before scoring, so a suppression neither raises nor lowers a score.

use std::collections::BTreeMap;

use wellscan_model::{CheckSummary, Finding, Pillar, Severity};

/// One pillar's score and how much evidence stands behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PillarScore {
    pub pillar: Pillar,
    pub score: u8,
    /// Checks of this pillar that evaluated at least one resource.
    pub checks_evaluated: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scores {
    pub overall: u8,
    /// In [`Pillar::ALL`] order.
    pub pillars: Vec<PillarScore>,
}

impl Scores {
    pub fn pillar(&self, pillar: Pillar) -> PillarScore {
        self.pillars
            .iter()
            .copied()
            .find(|p| p.pillar == pillar)
            .unwrap_or(PillarScore {
                pillar,
                score: 100,
                checks_evaluated: 0,
            })
    }
}

/// The severity weight of a check in its pillar's score.
pub fn weight(severity: Severity) -> f64 {
    match severity {
        Severity::Critical => 10.0,
        Severity::High => 5.0,
        Severity::Medium => 3.0,
        Severity::Low => 1.0,
        Severity::Informational => 0.0,
    }
}

/// Scores from check summaries, by the formula in this module's documentation.
pub fn score(summaries: &[CheckSummary]) -> Scores {
    let pillars: Vec<PillarScore> = Pillar::ALL
        .into_iter()
        .map(|pillar| pillar_score(pillar, summaries))
        .collect();
    let assessed: Vec<u8> = pillars
        .iter()
        .filter(|p| p.checks_evaluated > 0)
        .map(|p| p.score)
        .collect();
    let overall = if assessed.is_empty() {
        100
    } else {
        let sum: f64 = assessed.iter().map(|s| f64::from(*s)).sum();
        to_score(sum / assessed.len() as f64)
    };
    Scores { overall, pillars }
}

fn pillar_score(pillar: Pillar, summaries: &[CheckSummary]) -> PillarScore {
    let mut weighted = 0.0;
    let mut total = 0.0;
    let mut checks_evaluated = 0;
    for s in summaries
        .iter()
        .filter(|s| s.pillar == pillar && s.evaluated > 0)
    {
        checks_evaluated += 1;
        let w = weight(s.severity);
        let pass_rate = (s.evaluated - s.failed.min(s.evaluated)) as f64 / s.evaluated as f64;
        weighted += w * pass_rate;
        total += w;
    }
    let score = if total > 0.0 {
        to_score(100.0 * weighted / total)
    } else {
        100
    };
    PillarScore {
        pillar,
        score,
        checks_evaluated,
    }
}

fn to_score(value: f64) -> u8 {
    value.round().clamp(0.0, 100.0) as u8
}

/// Total estimated monthly savings without counting a dollar twice: when several findings
/// on the same resource carry savings (an unattached gp2 volume is both "delete it" and
/// "convert it"), only the largest counts.
pub fn total_savings(findings: &[Finding]) -> f64 {
    let mut by_resource: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for f in findings {
        if let Some(usd) = f.monthly_savings_usd {
            let best = by_resource
                .entry((&f.region, &f.resource_id))
                .or_insert(0.0);
            *best = best.max(usd);
        }
    }
    let total: f64 = by_resource.values().sum();
    (total * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn summary(
        pillar: Pillar,
        severity: Severity,
        evaluated: usize,
        failed: usize,
    ) -> CheckSummary {
        CheckSummary {
            check_id: format!("test.{pillar:?}.{severity}"),
            pillar,
            best_practice: "SEC01-BP01".into(),
            wa_question: String::new(),
            wa_choice: String::new(),
            severity,
            title: String::new(),
            action: String::new(),
            evaluated,
            failed,
            suppressed: 0,
            not_evaluated: 0,
        }
    }

    fn arb_summary() -> impl Strategy<Value = CheckSummary> {
        (0..6usize, 0..5usize, 0..50usize, 0..50usize).prop_map(|(p, s, evaluated, failed)| {
            summary(
                Pillar::ALL[p],
                Severity::ALL[s],
                evaluated,
                failed.min(evaluated),
            )
        })
    }

    #[test]
    fn weighs_failures_by_severity() {
        let scores = score(&[
            summary(Pillar::Security, Severity::Critical, 10, 10),
            summary(Pillar::Security, Severity::Low, 10, 0),
        ]);
        // (10 × 0 + 1 × 1) / 11
        assert_eq!(scores.pillar(Pillar::Security).score, 9);
        assert_eq!(scores.pillar(Pillar::Reliability).checks_evaluated, 0);
        assert_eq!(scores.overall, 9, "unassessed pillars do not count");
    }

    proptest! {
        #[test]
        fn scores_stay_within_0_to_100(summaries in prop::collection::vec(arb_summary(), 0..30)) {
            let scores = score(&summaries);
            prop_assert!(scores.overall <= 100);
            for p in &scores.pillars {
                prop_assert!(p.score <= 100);
            }
        }

        #[test]
        fn fixing_a_failing_resource_never_lowers_a_score(
            summaries in prop::collection::vec(arb_summary(), 1..30),
            pick in any::<prop::sample::Index>(),
        ) {
            let before = score(&summaries);
            let mut fixed = summaries.clone();
            let i = pick.index(fixed.len());
            fixed[i].failed = fixed[i].failed.saturating_sub(1);
            let after = score(&fixed);
            prop_assert!(after.overall >= before.overall);
            for (a, b) in after.pillars.iter().zip(&before.pillars) {
                prop_assert!(a.score >= b.score);
            }
        }

        #[test]
        fn adding_a_passing_resource_never_lowers_a_score(
            summaries in prop::collection::vec(arb_summary(), 1..30),
            pick in any::<prop::sample::Index>(),
        ) {
            let before = score(&summaries);
            let mut grown = summaries.clone();
            let i = pick.index(grown.len());
            grown[i].evaluated += 1;
            let after = score(&grown);
            prop_assert!(after.overall >= before.overall);
            for (a, b) in after.pillars.iter().zip(&before.pillars) {
                prop_assert!(a.score >= b.score);
            }
        }
    }
}
