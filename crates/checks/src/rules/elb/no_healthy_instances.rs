//! Classic Load Balancers with instances registered and none of them in service: every request
//! fails.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.no_healthy_instances",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL11-BP01",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeInstanceHealth",
        ],
        facts: &[Fact::InstanceHealth],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Classic Load Balancer has no healthy instance",
        action: "Find why the instances fail their health check",
        remediation: "Read each instance's health reason, fix the application or the health check (path, port, timeout), or replace the instances. Console: EC2 > Load balancers > {id} > Target instances. CLI: aws elb describe-instance-health --region {region} --load-balancer-name {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        // Without instances it is idle, not failing: `elb.idle`.
        if lb.instances == 0 {
            continue;
        }
        if out.unknown(resource, &[Fact::InstanceHealth]) {
            continue;
        }
        out.record(resource, lb.healthy_instances > 0, || {
            format!("0 of {} registered instance(s) in service", lb.instances)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::classic;
    use crate::testing::failing;

    #[test]
    fn flags_load_balancers_whose_instances_all_fail() {
        let down = classic("legacy-web", |lb| lb.healthy_instances = 0);
        let up = classic("shop", |_| {});
        let empty = classic("spare", |lb| {
            lb.instances = 0;
            lb.healthy_instances = 0;
        });
        assert_eq!(failing(&CHECK, vec![down, up, empty]), ["legacy-web"]);
    }
}
