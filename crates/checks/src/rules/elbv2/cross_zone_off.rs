//! Network and gateway load balancers that keep traffic inside each zone: a zone with fewer
//! healthy targets takes the same share of traffic as the others.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.cross_zone_off",
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
        title: "Multi-zone load balancer does not balance across zones",
        action: "Turn on cross-zone load balancing",
        remediation: "Enable cross-zone load balancing so every healthy target takes an even share whatever its \
            zone (inter-zone data transfer is charged for network load balancers). Console: EC2 > Load \
            balancers > {id} > Attributes > Edit > Cross-zone load balancing. CLI: aws elbv2 \
            modify-load-balancer-attributes --region {region} --load-balancer-arn LB_ARN --attributes \
            Key=load_balancing.cross_zone.enabled,Value=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if lb.lb_type == "application" || lb.availability_zones.len() < 2 {
            continue;
        }
        if out.unknown(resource, &[Fact::CrossZone]) {
            continue;
        }
        out.record(resource, lb.cross_zone, || {
            format!(
                "{} load balancer over {} zones, cross-zone load balancing off",
                lb.lb_type,
                lb.availability_zones.len()
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elbv2::lb;
    use crate::testing::failing;

    #[test]
    fn flags_network_load_balancers_pinned_to_zones() {
        let nlb = lb("tcp-in", |l| {
            l.lb_type = "network".into();
            l.cross_zone = false;
        });
        let balanced = lb("tcp-out", |l| l.lb_type = "network".into());
        let alb = lb("web", |l| l.cross_zone = false);
        assert_eq!(failing(&CHECK, vec![nlb, balanced, alb]), ["tcp-in"]);
    }
}
