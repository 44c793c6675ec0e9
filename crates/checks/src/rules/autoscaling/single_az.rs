//! Auto Scaling groups that launch into one Availability Zone: the zone's failure is the
//! group's, and the group cannot replace what it lost anywhere else.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "autoscaling.single_az",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL10-BP01",
        reads: &["autoscaling:DescribeAutoScalingGroups"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Auto Scaling group launches into a single Availability Zone",
        action: "Spread Auto Scaling groups over at least two Availability Zones",
        remediation: "Add subnets in other Availability Zones to the group; it rebalances instances across them. \
            Console: EC2 > Auto Scaling groups > {id} > Network > Edit. CLI: aws autoscaling \
            update-auto-scaling-group --region {region} --auto-scaling-group-name {id} --vpc-zone-identifier \
            'SUBNET_A,SUBNET_B'",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, g) in ctx.each(Resource::as_autoscaling_group) {
        if g.max_size == 0 {
            continue;
        }
        out.record(resource, g.availability_zones.len() >= 2, || {
            format!(
                "{} instances, all in {}",
                g.instances,
                g.availability_zones
                    .first()
                    .map_or("one zone", String::as_str)
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::autoscaling::group;
    use crate::testing::failing;

    #[test]
    fn flags_groups_in_one_zone() {
        let one = group("batch", |g| {
            g.availability_zones = vec!["us-east-1a".into()]
        });
        let two = group("web", |_| {});
        let parked = group("old", |g| {
            g.availability_zones = vec!["us-east-1a".into()];
            g.max_size = 0;
        });
        assert_eq!(failing(&CHECK, vec![one, two, parked]), ["batch"]);
    }
}
