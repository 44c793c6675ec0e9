//! Load balancers that live in one Availability Zone: the zone's failure is the service's.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.single_az",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL10-BP01",
        reads: &["elasticloadbalancing:DescribeLoadBalancers"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "Load balancer is in a single Availability Zone",
        action: "Give load balancers a subnet in at least two Availability Zones",
        remediation: "Add a subnet in a second Availability Zone (and targets there). Console: EC2 > Load \
            balancers > {id} > Network mapping > Edit subnets. CLI: aws elbv2 set-subnets --region {region} \
            --load-balancer-arn LB_ARN --subnets SUBNET_A SUBNET_B",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        out.record(resource, lb.availability_zones.len() >= 2, || {
            format!(
                "{} load balancer in {} only",
                lb.lb_type,
                lb.availability_zones
                    .first()
                    .map_or("one zone", String::as_str)
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
    fn flags_one_zone_load_balancers() {
        let one = lb("tcp-in", |l| {
            l.lb_type = "network".into();
            l.availability_zones = vec!["us-east-1a".into()];
        });
        let two = lb("web", |_| {});
        assert_eq!(failing(&CHECK, vec![one, two]), ["tcp-in"]);
    }
}
