//! Auto Scaling groups behind a load balancer that only replace instances whose EC2 status
//! checks fail: an instance whose application is down stays in service. The health check type
//! is a list (`EC2`, `ELB,EBS`, `VPC_LATTICE`); only one that includes `ELB` uses the load
//! balancer's.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "autoscaling.ec2_health_check_behind_lb",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL11-BP03",
        reads: &["autoscaling:DescribeAutoScalingGroups"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Auto Scaling group behind a load balancer ignores its health checks",
        action: "Use the load balancer's health checks to replace failing instances",
        remediation: "Set the group's health check type to ELB, with a grace period long enough for an instance \
            to start. Console: EC2 > Auto Scaling groups > {id} > Health checks > Edit > Turn on Elastic Load \
            Balancing health checks. CLI: aws autoscaling update-auto-scaling-group --region {region} \
            --auto-scaling-group-name {id} --health-check-type ELB --health-check-grace-period 300",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, g) in ctx.each(Resource::as_autoscaling_group) {
        if g.load_balancers == 0 {
            continue;
        }
        let uses_elb = g
            .health_check_type
            .split(',')
            .any(|t| t.trim().eq_ignore_ascii_case("ELB"));
        out.record(resource, uses_elb, || {
            format!(
                "registered with {} load balancer target(s), health check type {}",
                g.load_balancers, g.health_check_type
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
    fn flags_groups_behind_load_balancers_on_ec2_checks() {
        let ec2 = group("web", |g| g.health_check_type = "EC2".into());
        let elb = group("api", |_| {});
        let no_lb = group("batch", |g| {
            g.health_check_type = "EC2".into();
            g.load_balancers = 0;
        });
        assert_eq!(failing(&CHECK, vec![ec2, elb, no_lb]), ["web"]);
    }

    #[test]
    fn ebs_or_vpc_lattice_health_checks_ignore_the_load_balancer() {
        let ebs = group("web", |g| g.health_check_type = "EBS".into());
        let lattice = group("api", |g| g.health_check_type = "VPC_LATTICE".into());
        let elb_and_ebs = group("shop", |g| g.health_check_type = "ELB,EBS".into());
        assert_eq!(
            failing(&CHECK, vec![ebs, lattice, elb_and_ebs]),
            ["web", "api"]
        );
    }
}
