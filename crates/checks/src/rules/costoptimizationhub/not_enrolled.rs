//! Accounts not enrolled in Cost Optimization Hub: AWS would compute rightsizing, idle-resource,
//! Graviton and commitment recommendations for them at no charge, and nobody sees any.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "costoptimizationhub.not_enrolled",
        pillar: Pillar::CostOptimization,
        related: &[],
        best_practice: "COST01-BP05",
        reads: &["cost-optimization-hub:ListEnrollmentStatuses"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Account is not enrolled in Cost Optimization Hub",
        action: "Enrol in Cost Optimization Hub and review its recommendations",
        remediation: "Opt in to Cost Optimization Hub (and Compute Optimizer, whose rightsizing it shows), from the management account for the whole organisation where there is one; both are free, and the first recommendations arrive within a day. Console: Billing and Cost Management > Cost Optimization Hub > Enable. CLI: aws cost-optimization-hub update-enrollment-status --status Active --include-member-accounts --region us-east-1",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, hub) in ctx.each(Resource::as_cost_optimization_hub) {
        out.record(resource, hub.enrolled, || {
            format!(
                "account {} is not enrolled: AWS computes no cost recommendations for it",
                ctx.inventory.account_id
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::costoptimizationhub::hub;
    use crate::testing::failing;

    #[test]
    fn flags_an_account_that_is_not_enrolled() {
        let mut off = hub(Vec::new());
        if let Resource::CostOptimizationHub(h) = &mut off {
            h.enrolled = false;
        }
        assert_eq!(failing(&CHECK, vec![off]), ["123456789012"]);
        assert!(failing(&CHECK, vec![hub(Vec::new())]).is_empty());
    }
}
