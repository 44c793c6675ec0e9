//! Classic Load Balancers that balance only within each zone: a zone with fewer instances gets
//! as much traffic as the others.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.cross_zone_off",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::Reliability],
        best_practice: "PERF04-BP04",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
        ],
        facts: &[Fact::CrossZone],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Classic Load Balancer does not balance across zones",
        action: "Turn on cross-zone load balancing",
        remediation: "Turn on cross-zone load balancing so every instance gets an even share whatever its zone. Console: EC2 > Load balancers > {id} > Attributes > Cross-zone load balancing. CLI: aws elb modify-load-balancer-attributes --region {region} --load-balancer-name {id} --load-balancer-attributes \"CrossZoneLoadBalancing={Enabled=true}\"",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        if out.unknown(resource, &[Fact::CrossZone]) {
            continue;
        }
        out.record(resource, lb.cross_zone, || {
            "cross-zone load balancing is off".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::classic;
    use crate::testing::failing;

    #[test]
    fn flags_load_balancers_without_cross_zone() {
        let off = classic("legacy-web", |lb| lb.cross_zone = false);
        let on = classic("shop", |_| {});
        let unread = classic("partner", |lb| {
            lb.cross_zone = false;
            lb.unknown.mark(Fact::CrossZone);
        });
        assert_eq!(failing(&CHECK, vec![off, on, unread]), ["legacy-web"]);
    }
}
