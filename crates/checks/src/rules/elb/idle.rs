//! Classic Load Balancers with no instance behind them: billed every hour for nothing.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.idle",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP03",
        reads: &["elasticloadbalancing:DescribeLoadBalancers"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "Classic Load Balancer has no instances",
        action: "Delete the unused load balancer",
        remediation: "Check that no DNS record or client still points at it, then delete it. Console: EC2 > Load balancers > {id} > Actions > Delete. CLI: aws elb delete-load-balancer --region {region} --load-balancer-name {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        if lb.instances > 0 {
            out.pass();
            continue;
        }
        out.fail_with_savings(
            resource,
            "no instance is registered behind it",
            Some(ctx.prices.load_balancer_monthly("classic", &lb.region)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::classic;

    #[test]
    fn flags_load_balancers_without_instances_with_their_price() {
        let empty = classic("spare", |lb| {
            lb.instances = 0;
            lb.healthy_instances = 0;
        });
        let used = classic("shop", |_| {});
        let outcome = crate::testing::outcome(&CHECK, vec![empty, used]);
        assert_eq!(outcome.failures().len(), 1);
        assert_eq!(outcome.failures()[0].monthly_savings_usd(), Some(18.25));
    }
}
