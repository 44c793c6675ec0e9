//! Load balancers with nothing registered behind them: billed by the hour for serving nothing.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.idle",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP03",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
        ],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "Load balancer has no registered targets",
        action: "Delete load balancers that route to nothing",
        remediation: "Confirm nothing resolves the load balancer's DNS name, then delete it. Console: EC2 > Load \
            balancers > {id} > Actions > Delete. CLI: aws elbv2 delete-load-balancer --region {region} \
            --load-balancer-arn LB_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if lb.lb_type == "gateway" || out.unknown(resource, &[Fact::TargetGroups]) {
            continue;
        }
        if lb.targets() > 0 {
            out.pass();
            continue;
        }
        let age = ctx
            .days_since(lb.created_at)
            .map(|d| format!(", created {} ago", crate::days(d)))
            .unwrap_or_default();
        out.fail_with_savings(
            resource,
            format!(
                "{} load balancer with no registered target in its {} target group(s){age}",
                lb.lb_type,
                lb.target_groups.len()
            ),
            Some(ctx.prices.load_balancer_monthly(&lb.lb_type, &lb.region)),
        );
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::TargetGroupHealth;

    use super::*;
    use crate::rules::elbv2::lb;
    use crate::testing::{failing, outcome};

    #[test]
    fn flags_load_balancers_routing_to_nothing_with_their_hourly_cost() {
        let empty = lb("old-shop", |_| {});
        let used = lb("web", |l| {
            l.target_groups = vec![TargetGroupHealth {
                name: "web".into(),
                targets: 2,
                healthy: 2,
            }]
        });
        assert_eq!(failing(&CHECK, vec![empty.clone(), used]), ["old-shop"]);
        let run = outcome(&CHECK, vec![empty]);
        let savings = run.failures()[0].monthly_savings_usd();
        assert_eq!(savings, Some(16.43));
    }
}
