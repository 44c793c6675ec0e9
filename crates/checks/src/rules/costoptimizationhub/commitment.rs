//! Savings Plans and Reserved Instances Cost Optimization Hub recommends buying: steady usage
//! paid at On-Demand rates, with AWS's estimate of what the commitment saves.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "costoptimizationhub.commitment",
        pillar: Pillar::CostOptimization,
        related: &[],
        best_practice: "COST07-BP01",
        reads: &[
            "cost-optimization-hub:ListEnrollmentStatuses",
            "cost-optimization-hub:ListRecommendations",
        ],
        facts: &[Fact::Recommendations],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "AWS recommends a Savings Plan or Reserved Instances",
        action: "Cover steady usage with Savings Plans or Reserved Instances",
        remediation: "Check the recommended commitment against the workload's plans for the term (one or three years), prefer Compute Savings Plans where the fleet may change family or Region, and buy from the management account so every account shares it. Console: Billing and Cost Management > Savings Plans > Recommendations. CLI: aws cost-optimization-hub list-recommendations --region us-east-1 --filter actionTypes=PurchaseSavingsPlans,PurchaseReservedInstances",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, hub) in ctx.each(Resource::as_cost_optimization_hub) {
        if !hub.enrolled || out.unknown(resource, &[Fact::Recommendations]) {
            continue;
        }
        // The plans AWS offers cover the same usage (a Compute Savings Plan or an EC2 Instance
        // one): they are alternatives, so the account saves the most of them, not their sum.
        let offers: Vec<_> = hub
            .recommendations
            .iter()
            .filter(|r| r.is_commitment())
            .collect();
        let Some(best) = offers
            .iter()
            .max_by(|a, b| a.monthly_savings.total_cmp(&b.monthly_savings))
        else {
            out.pass();
            continue;
        };
        let listed = offers
            .iter()
            .map(|r| {
                format!(
                    "{} {} saves {}",
                    r.resource_type,
                    r.recommended,
                    super::figure(r)
                )
            })
            .collect::<Vec<_>>()
            .join("; or ");
        out.fail_with_savings(
            resource,
            format!("AWS Cost Optimization Hub: {listed}"),
            Some(best.monthly_savings),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::costoptimizationhub::{hub, recommendation};
    use crate::testing::outcome;

    #[test]
    fn the_best_commitment_offer_is_one_finding_on_the_hub() {
        let mut compute = recommendation("sp-compute", "PurchaseSavingsPlans");
        compute.resource_type = "ComputeSavingsPlans".into();
        compute.recommended = "$1.20/hour for 1 year".into();
        let mut instance = compute.clone();
        instance.resource_type = "Ec2InstanceSavingsPlans".into();
        instance.monthly_savings = 250.0;
        let ran = outcome(
            &CHECK,
            vec![hub(vec![
                compute,
                instance,
                recommendation("i-0big", "Rightsize"),
            ])],
        );
        assert_eq!(ran.failures().len(), 1);
        let f = &ran.failures()[0];
        assert_eq!(f.monthly_savings_usd(), Some(250.0));
        assert!(
            f.evidence()
                .contains("ComputeSavingsPlans $1.20/hour for 1 year saves $210.24")
        );
        assert!(outcome(&CHECK, vec![hub(Vec::new())]).failures().is_empty());
    }
}
