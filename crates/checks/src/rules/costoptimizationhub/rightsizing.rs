//! Resources Cost Optimization Hub recommends changing (rightsizing, stopping or deleting idle
//! ones, moving to Graviton, upgrading a generation): AWS's own analysis of the account's usage,
//! with AWS's estimate of what it saves. Where one of wellscan's checks flags the same resource
//! with its own estimate, the two are one finding: wellscan's, quoting AWS's figure beside it
//! (`merge_aws_estimates`), so no saving is counted twice.

use std::collections::BTreeMap;

use wellscan_model::{CostRecommendation, Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "costoptimizationhub.rightsizing",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST06-BP02",
        reads: &[
            "cost-optimization-hub:ListEnrollmentStatuses",
            "cost-optimization-hub:ListRecommendations",
        ],
        // The recommendations are a fact of the hub, not of the resources judged:
        // `unknown.rs` has the case.
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Reduces,
        title: "AWS recommends resizing or removing this resource",
        action: "Act on Cost Optimization Hub's recommendations",
        remediation: "Review the recommendation's current and recommended configuration, the lookback it is based on and whether it needs a restart, then apply it in a maintenance window (or stop or delete what is idle). Console: Billing and Cost Management > Cost Optimization Hub > Recommendations. CLI: aws cost-optimization-hub list-recommendations --region us-east-1",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (hub_resource, hub) in ctx.each(Resource::as_cost_optimization_hub) {
        if !hub.enrolled || out.unknown(hub_resource, &[Fact::Recommendations]) {
            continue;
        }
        // A resource may have several recommendations (rightsize, or move to Graviton): they
        // are alternatives, so it saves the most of them, not their sum.
        let mut by_resource: BTreeMap<&str, Vec<&CostRecommendation>> = BTreeMap::new();
        for r in hub.recommendations.iter().filter(|r| !r.is_commitment()) {
            by_resource
                .entry(r.resource_id.as_str())
                .or_default()
                .push(r);
        }
        let mut unread: Vec<(&CostRecommendation, f64)> = Vec::new();
        for recommendations in by_resource.values() {
            let Some(best) = recommendations
                .iter()
                .max_by(|a, b| a.monthly_savings.total_cmp(&b.monthly_savings))
            else {
                continue;
            };
            match super::resource_of(ctx, best) {
                Some(resource) => {
                    let evidence = recommendations
                        .iter()
                        .map(|r| describe(r))
                        .collect::<Vec<_>>()
                        .join("; or ");
                    out.fail_with_savings(
                        resource,
                        format!("AWS Cost Optimization Hub: {evidence}"),
                        Some(best.monthly_savings),
                    );
                }
                None => unread.push((best, best.monthly_savings)),
            }
        }
        // What wellscan does not read is one finding on the hub, each resource's best summed.
        if !unread.is_empty() {
            let total: f64 = unread.iter().map(|(_, s)| s).sum();
            let named: Vec<String> = unread
                .iter()
                .take(NAMED)
                .map(|(r, _)| format!("{} {}", r.resource_type, r.resource_id))
                .collect();
            let more = unread.len().saturating_sub(NAMED);
            out.fail_with_savings(
                hub_resource,
                format!(
                    "AWS Cost Optimization Hub recommends changing {} resources wellscan does not read, saving ${total:.2} a month: {}{}",
                    unread.len(),
                    named.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() }
                ),
                Some(total),
            );
        }
    }
}

/// How many resources the hub's own finding names.
const NAMED: usize = 5;

/// `Rightsize m5.2xlarge to m5.large, saves $210.24 a month (75%) (Medium effort, restart,
/// from ComputeOptimizer)`.
fn describe(r: &CostRecommendation) -> String {
    let target = if r.recommended.is_empty() {
        String::new()
    } else {
        format!(" to {}", r.recommended)
    };
    format!(
        "{} {}{target}, saves {} ({} effort{}, from {})",
        r.action,
        r.current,
        super::figure(r),
        r.effort,
        if r.restart_needed { ", restart" } else { "" },
        r.source
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::costoptimizationhub::{hub, recommendation};
    use crate::rules::ssm::running;
    use crate::testing::{failing, outcome};

    #[test]
    fn a_resource_read_is_one_finding_with_its_best_recommendation() {
        let mut graviton = recommendation("i-0big", "MigrateToGraviton");
        graviton.recommended = "m7g.large".into();
        graviton.monthly_savings = 240.90;
        let resources = vec![
            running("i-0big"),
            hub(vec![recommendation("i-0big", "Rightsize"), graviton]),
        ];
        let ran = outcome(&CHECK, resources.clone());
        assert_eq!(failing(&CHECK, resources), ["i-0big"]);
        let f = &ran.failures()[0];
        assert_eq!(f.monthly_savings_usd(), Some(240.90));
        assert!(
            f.evidence()
                .contains("Rightsize m5.2xlarge to m5.large, saves $210.24 a month (75%)")
        );
        assert!(f.evidence().contains("; or MigrateToGraviton"));
    }

    #[test]
    fn what_wellscan_does_not_read_is_summed_on_the_hub() {
        let mut other = recommendation("vol-0gp2", "Upgrade");
        other.resource_arn = None;
        other.monthly_savings = 9.76;
        let ran = outcome(
            &CHECK,
            vec![hub(vec![
                recommendation("i-0gone", "Stop"),
                other,
                recommendation("sp", "PurchaseSavingsPlans"),
            ])],
        );
        assert_eq!(ran.failures().len(), 1);
        let f = &ran.failures()[0];
        assert_eq!(f.resource_id(), "123456789012");
        assert_eq!(f.monthly_savings_usd(), Some(220.0));
        assert!(f.evidence().contains("2 resources wellscan does not read"));
    }

    #[test]
    fn unread_recommendations_are_not_evaluated() {
        let mut unread = hub(Vec::new());
        if let Resource::CostOptimizationHub(h) = &mut unread {
            h.unknown.mark(Fact::Recommendations);
        }
        let ran = outcome(&CHECK, vec![unread]);
        assert!(ran.failures().is_empty());
        assert_eq!(ran.not_evaluated(), 1);
    }
}
