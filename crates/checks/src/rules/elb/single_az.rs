//! Classic Load Balancers in a single Availability Zone: the zone's failure takes the
//! endpoint down.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.single_az",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL10-BP01",
        reads: &["elasticloadbalancing:DescribeLoadBalancers"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "Classic Load Balancer serves from one Availability Zone",
        action: "Enable a second zone (or subnet)",
        remediation: "Add a subnet (or zone) in another Availability Zone, with instances there. Console: EC2 > Load balancers > {id} > Network mapping > Edit subnets. CLI: aws elb attach-load-balancer-to-subnets --region {region} --load-balancer-name {id} --subnets SUBNET_IN_ANOTHER_ZONE",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        out.record(resource, lb.availability_zones.len() > 1, || {
            format!("only in {}", lb.availability_zones.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::classic;
    use crate::testing::failing;

    #[test]
    fn flags_one_zone_load_balancers() {
        let one = classic("legacy-web", |lb| lb.availability_zones.truncate(1));
        let two = classic("shop", |_| {});
        assert_eq!(failing(&CHECK, vec![one, two]), ["legacy-web"]);
    }
}
