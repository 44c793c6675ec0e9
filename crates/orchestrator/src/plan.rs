//! The plan: every pillar's recommendations merged into one ordered list, and the advice that
//! pulls one resource two ways shown as a trade-off.
//!
//! Merging and trade-offs read only what the checks established (finding ids, their checks and
//! resources) and the recommendations' words; a model cannot make two items merge or conflict
//! except through the findings it cites.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use wellscan_checks::FixEffect;
use wellscan_model::{Finding, Pillar, Recommendation, ResourceRef, TradeOff, TradeOffSide};

use crate::analysis::PillarOutcome;

/// How alike two titles must be (shared significant words over all) to count as the same advice.
const SAME_TITLE: f64 = 0.5;
/// How alike two resource sets must be to count as the same resources.
const SAME_RESOURCES: f64 = 0.8;

/// Every pillar's recommendations, with the same advice from several pillars merged into one
/// item tagged with each pillar; ordered by priority, savings, effort, then breadth.
pub fn merge(pillars: &[PillarOutcome]) -> Vec<Recommendation> {
    let mut plan: Vec<Recommendation> = Vec::new();
    for outcome in pillars {
        for r in &outcome.analysis.recommendations {
            let mut r = r.clone();
            if r.pillars.is_empty() {
                r.pillars.push(outcome.pillar);
            }
            match plan.iter_mut().find(|p| same_advice(p, &r)) {
                Some(existing) => absorb(existing, r),
                None => plan.push(r),
            }
        }
    }
    plan.sort_by(Recommendation::plan_order);
    plan
}

/// Pairs of plan items that pull the same resources two ways: one cites a finding whose fix
/// reduces the resource, the other one whose fix strengthens it. One entry per pair, listing
/// every resource they share.
pub fn trade_offs(plan: &[Recommendation], findings: &[Finding]) -> Vec<TradeOff> {
    let by_id: HashMap<&str, &Finding> = findings.iter().map(|f| (f.id.as_str(), f)).collect();
    let fixes: HashMap<&str, FixEffect> = wellscan_checks::catalogue()
        .iter()
        .map(|c| (c.meta.id, c.meta.fix))
        .collect();
    // Per resource (region, id): the plan items that reduce it and those that strengthen it.
    #[derive(Default)]
    struct Sides<'a> {
        name: &'a str,
        reduce: BTreeSet<usize>,
        strengthen: BTreeSet<usize>,
    }
    let mut sides: BTreeMap<(&str, &str), Sides<'_>> = BTreeMap::new();
    for (i, item) in plan.iter().enumerate() {
        for f in item
            .finding_ids
            .iter()
            .filter_map(|id| by_id.get(id.as_str()))
        {
            let entry = sides
                .entry((f.region.as_str(), f.resource_id.as_str()))
                .or_default();
            entry.name = f.resource_name.as_str();
            // A check this build does not know (an older record) is neutral.
            match fixes.get(f.check_id.as_str()) {
                Some(FixEffect::Reduces) => entry.reduce.insert(i),
                Some(FixEffect::Strengthens) => entry.strengthen.insert(i),
                Some(FixEffect::Neutral) | None => false,
            };
        }
    }
    let mut pairs: BTreeMap<(usize, usize), Vec<ResourceRef>> = BTreeMap::new();
    for ((region, id), sides) in &sides {
        for &r in &sides.reduce {
            for &s in sides.strengthen.iter().filter(|&&s| s != r) {
                pairs.entry((r, s)).or_default().push(ResourceRef {
                    region: region.to_string(),
                    resource_id: id.to_string(),
                    name: sides.name.to_string(),
                });
            }
        }
    }
    pairs
        .into_iter()
        .map(|((r, s), resources)| TradeOff {
            reduce: side(&plan[r], &resources, &by_id),
            strengthen: side(&plan[s], &resources, &by_id),
            resources,
        })
        .collect()
}

fn side(
    item: &Recommendation,
    resources: &[ResourceRef],
    by_id: &HashMap<&str, &Finding>,
) -> TradeOffSide {
    let shared = |f: &Finding| {
        resources
            .iter()
            .any(|r| r.region == f.region && r.resource_id == f.resource_id)
    };
    TradeOffSide {
        pillars: item.pillars.clone(),
        title: item.title.clone(),
        finding_ids: item
            .finding_ids
            .iter()
            .filter(|id| by_id.get(id.as_str()).is_some_and(|f| shared(f)))
            .cloned()
            .collect(),
    }
}

fn same_advice(a: &Recommendation, b: &Recommendation) -> bool {
    let disjoint_pillars = a.pillars.iter().all(|p| !b.pillars.contains(p));
    disjoint_pillars
        && !a.resource_ids.is_empty()
        && jaccard(&ids(&a.resource_ids), &ids(&b.resource_ids)) >= SAME_RESOURCES
        && jaccard(&words(&a.title), &words(&b.title)) >= SAME_TITLE
}

fn absorb(into: &mut Recommendation, other: Recommendation) {
    if other.priority > into.priority {
        into.title = other.title.clone();
    }
    into.priority = into.priority.max(other.priority);
    into.effort = into.effort.max(other.effort);
    if !other.rationale.is_empty() && other.rationale != into.rationale {
        into.rationale = format!("{} {}", into.rationale, other.rationale);
    }
    if !other.expected_benefit.is_empty() && other.expected_benefit != into.expected_benefit {
        into.expected_benefit = format!("{} {}", into.expected_benefit, other.expected_benefit);
    }
    for p in other.pillars {
        if !into.pillars.contains(&p) {
            into.pillars.push(p);
        }
    }
    into.pillars
        .sort_by_key(|p| Pillar::ALL.iter().position(|q| q == p));
    for id in other.finding_ids {
        if !into.finding_ids.contains(&id) {
            into.finding_ids.push(id);
        }
    }
    for id in other.resource_ids {
        if !into.resource_ids.contains(&id) {
            into.resource_ids.push(id);
        }
    }
    // The same change on the same resources saves its money once.
    into.monthly_savings_usd = match (into.monthly_savings_usd, other.monthly_savings_usd) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
}

fn ids(list: &[String]) -> BTreeSet<String> {
    list.iter().cloned().collect()
}

/// The significant words of a title, lowercased.
fn words(title: &str) -> BTreeSet<String> {
    const STOP: &[&str] = &[
        "a", "an", "and", "by", "for", "from", "in", "it", "its", "of", "on", "or", "the", "to",
        "with",
    ];
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use wellscan_agents::PillarAnalysis;
    use wellscan_model::{AnalysisSource, BriefStats, Effort, Severity, Usage};

    use super::*;

    fn rec(
        title: &str,
        priority: Severity,
        effort: Effort,
        findings: &[&str],
        resources: &[&str],
    ) -> Recommendation {
        Recommendation {
            title: title.into(),
            rationale: format!("{title} because."),
            priority,
            effort: Some(effort),
            expected_benefit: String::new(),
            pillars: vec![],
            finding_ids: findings.iter().map(|s| s.to_string()).collect(),
            resource_ids: resources.iter().map(|s| s.to_string()).collect(),
            monthly_savings_usd: None,
        }
    }

    fn outcome(pillar: Pillar, recommendations: Vec<Recommendation>) -> PillarOutcome {
        PillarOutcome {
            pillar,
            analysis: PillarAnalysis {
                rating: None,
                summary: String::new(),
                risks: vec![],
                recommendations,
                ungrounded_dropped: 0,
            },
            source: AnalysisSource::Offline,
            model: None,
            degraded: None,
            brief: BriefStats::default(),
            elapsed: Duration::ZERO,
            usage: Usage::default(),
        }
    }

    fn finding(id: &str, check: &str, pillar: Pillar, resource: &str) -> Finding {
        Finding {
            id: id.into(),
            check_id: check.into(),
            pillar,
            related_pillars: vec![],
            best_practice: "X".into(),
            severity: Severity::Medium,
            region: "us-east-1".into(),
            resource_id: resource.into(),
            resource_arn: format!("arn:{resource}"),
            resource_kind: "rds_instance".into(),
            resource_name: format!("{resource}-name"),
            title: "t".into(),
            evidence: "e".into(),
            remediation: "r".into(),
            monthly_savings_usd: None,
        }
    }

    #[test]
    fn the_same_advice_from_two_pillars_becomes_one_item_tagged_with_both() {
        let mut cost = rec(
            "Move the instances to Graviton",
            Severity::Low,
            Effort::Medium,
            &["f-1"],
            &["i-1", "i-2"],
        );
        cost.monthly_savings_usd = Some(40.0);
        let mut green = rec(
            "Move instances to Graviton processors",
            Severity::Medium,
            Effort::Medium,
            &["f-2"],
            &["i-2", "i-1"],
        );
        green.monthly_savings_usd = Some(40.0);
        let plan = merge(&[
            outcome(Pillar::CostOptimization, vec![cost]),
            outcome(Pillar::Sustainability, vec![green]),
        ]);
        assert_eq!(plan.len(), 1, "{plan:#?}");
        let item = &plan[0];
        assert_eq!(
            item.pillars,
            [Pillar::CostOptimization, Pillar::Sustainability]
        );
        assert_eq!(item.finding_ids, ["f-1", "f-2"]);
        assert_eq!(item.priority, Severity::Medium);
        assert_eq!(
            item.title, "Move instances to Graviton processors",
            "the higher priority's words"
        );
        assert_eq!(
            item.monthly_savings_usd,
            Some(40.0),
            "the same change saves once"
        );
    }

    #[test]
    fn different_advice_or_different_resources_or_one_pillar_stay_apart() {
        let plan = merge(&[
            outcome(
                Pillar::Reliability,
                vec![
                    rec(
                        "Enable Multi-AZ",
                        Severity::High,
                        Effort::Medium,
                        &["f-1"],
                        &["db-1"],
                    ),
                    rec(
                        "Enable Multi-AZ now",
                        Severity::High,
                        Effort::Medium,
                        &["f-2"],
                        &["db-1"],
                    ),
                ],
            ),
            outcome(
                Pillar::CostOptimization,
                vec![
                    rec(
                        "Stop the idle database",
                        Severity::Medium,
                        Effort::Low,
                        &["f-3"],
                        &["db-1"],
                    ),
                    rec(
                        "Enable Multi-AZ",
                        Severity::Medium,
                        Effort::Low,
                        &["f-4"],
                        &["db-9"],
                    ),
                ],
            ),
        ]);
        assert_eq!(plan.len(), 4, "{plan:#?}");
    }

    #[test]
    fn the_plan_is_ordered_by_priority_then_savings_then_effort() {
        let mut saves = rec("Saves", Severity::Medium, Effort::High, &["f-2"], &["r-2"]);
        saves.monthly_savings_usd = Some(100.0);
        let plan = merge(&[outcome(
            Pillar::CostOptimization,
            vec![
                rec("Hard", Severity::Medium, Effort::High, &["f-1"], &["r-1"]),
                saves,
                rec("Easy", Severity::Medium, Effort::Low, &["f-3"], &["r-3"]),
                rec(
                    "Worst",
                    Severity::Critical,
                    Effort::High,
                    &["f-4"],
                    &["r-4"],
                ),
            ],
        )]);
        let titles: Vec<&str> = plan.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Worst", "Saves", "Easy", "Hard"]);
    }

    #[test]
    fn shrinking_and_strengthening_the_same_resource_is_a_trade_off() {
        let findings = vec![
            finding(
                "f-idle",
                "rds.instance_idle",
                Pillar::CostOptimization,
                "db-1",
            ),
            finding(
                "f-az",
                "rds.instance_single_az",
                Pillar::Reliability,
                "db-1",
            ),
            finding(
                "f-az2",
                "rds.instance_single_az",
                Pillar::Reliability,
                "db-2",
            ),
            finding("f-enc", "rds.storage_unencrypted", Pillar::Security, "db-1"),
        ];
        let plan = merge(&[
            outcome(
                Pillar::Reliability,
                vec![rec(
                    "Enable Multi-AZ",
                    Severity::High,
                    Effort::Medium,
                    &["f-az", "f-az2"],
                    &["db-1", "db-2"],
                )],
            ),
            outcome(
                Pillar::Security,
                vec![rec(
                    "Encrypt storage",
                    Severity::High,
                    Effort::High,
                    &["f-enc"],
                    &["db-1"],
                )],
            ),
            outcome(
                Pillar::CostOptimization,
                vec![rec(
                    "Stop the idle database",
                    Severity::Medium,
                    Effort::Low,
                    &["f-idle"],
                    &["db-1"],
                )],
            ),
        ]);
        let trade_offs = trade_offs(&plan, &findings);
        assert_eq!(trade_offs.len(), 1, "{trade_offs:#?}");
        let t = &trade_offs[0];
        assert_eq!(t.resources.len(), 1);
        assert_eq!(t.resources[0].resource_id, "db-1");
        assert_eq!(t.resources[0].name, "db-1-name");
        assert_eq!(t.reduce.title, "Stop the idle database");
        assert_eq!(t.reduce.pillars, [Pillar::CostOptimization]);
        assert_eq!(t.strengthen.title, "Enable Multi-AZ");
        assert_eq!(
            t.strengthen.finding_ids,
            ["f-az"],
            "only the shared resource's findings"
        );
    }
}

#[cfg(test)]
mod fix_effects {
    use std::collections::BTreeSet;

    use wellscan_checks::{Config, FixEffect, PriceTable, catalogue};

    /// Saves money without taking capacity away: a change of volume type, a commitment to
    /// usage the account already runs.
    const LIKE_FOR_LIKE: &[&str] = &["ebs.gp2_volume", "costoptimizationhub.commitment"];

    #[test]
    fn every_check_that_prices_a_saving_on_the_demo_reduces_its_resource() {
        let demo = crate::demo_inventory().expect("demo");
        let run = wellscan_checks::run(&demo, &Config::default(), PriceTable::embedded());
        let saving: BTreeSet<&str> = run
            .findings
            .iter()
            .filter(|f| f.monthly_savings_usd.is_some_and(|s| s > 0.0))
            .map(|f| f.check_id.as_str())
            .collect();
        assert!(saving.len() >= 5, "{saving:?}");
        for check in catalogue().iter().filter(|c| saving.contains(c.meta.id)) {
            let expected = if LIKE_FOR_LIKE.contains(&check.meta.id) {
                FixEffect::Neutral
            } else {
                FixEffect::Reduces
            };
            assert_eq!(check.meta.fix, expected, "{}", check.meta.id);
        }
    }
}
