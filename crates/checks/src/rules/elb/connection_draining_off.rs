//! Classic Load Balancers that cut in-flight requests when an instance leaves (deployments,
//! scale-in, failed health checks).

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.connection_draining_off",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL05-BP01",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
        ],
        facts: &[Fact::ConnectionDraining],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Classic Load Balancer drops requests when an instance leaves",
        action: "Turn on connection draining",
        remediation: "Turn on connection draining with a timeout longer than your slowest request, so a leaving instance finishes what it serves. Console: EC2 > Load balancers > {id} > Attributes > Connection draining. CLI: aws elb modify-load-balancer-attributes --region {region} --load-balancer-name {id} --load-balancer-attributes \"ConnectionDraining={Enabled=true,Timeout=300}\"",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        if out.unknown(resource, &[Fact::ConnectionDraining]) {
            continue;
        }
        out.record(resource, lb.connection_draining, || {
            "connection draining is off: leaving instances drop in-flight requests".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::classic;
    use crate::testing::failing;

    #[test]
    fn flags_load_balancers_without_draining() {
        let off = classic("legacy-web", |lb| lb.connection_draining = false);
        let on = classic("shop", |_| {});
        let unread = classic("partner", |lb| {
            lb.connection_draining = false;
            lb.unknown.mark(Fact::ConnectionDraining);
        });
        assert_eq!(failing(&CHECK, vec![off, on, unread]), ["legacy-web"]);
    }
}
