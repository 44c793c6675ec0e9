//! Load balancers with registered targets and not one of them healthy: whatever calls them is
//! failing now.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.no_healthy_targets",
        pillar: Pillar::Reliability,
        related: &[Pillar::OperationalExcellence],
        best_practice: "REL11-BP01",
        reads: &[
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
        ],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Load balancer has targets but none is healthy",
        action: "Restore healthy targets behind the load balancer, and alarm on HealthyHostCount",
        remediation: "Find why the targets fail their health checks (the reason is in the target group's \
            Targets tab), fix the targets or the health check, and alarm on HealthyHostCount < 1. Console: EC2 \
            > Target groups > GROUP > Targets. CLI: aws elbv2 describe-target-health --region {region} \
            --target-group-arn TARGET_GROUP_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if out.unknown(resource, &[Fact::TargetGroups]) {
            continue;
        }
        let registered: Vec<_> = lb.target_groups.iter().filter(|g| g.targets > 0).collect();
        if registered.is_empty() {
            continue;
        }
        let healthy: u32 = registered.iter().map(|g| g.healthy).sum();
        out.record(resource, healthy > 0, || {
            let groups: Vec<String> = registered
                .iter()
                .map(|g| format!("{} (0 of {} healthy)", g.name, g.targets))
                .collect();
            format!("no healthy target: {}", groups.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::TargetGroupHealth;

    use super::*;
    use crate::rules::elbv2::lb;
    use crate::testing::failing;

    fn group(targets: u32, healthy: u32) -> TargetGroupHealth {
        TargetGroupHealth {
            name: "web-tg".into(),
            targets,
            healthy,
        }
    }

    #[test]
    fn flags_load_balancers_whose_targets_all_fail() {
        let down = lb("shop", |l| l.target_groups = vec![group(3, 0)]);
        let up = lb("web", |l| l.target_groups = vec![group(3, 2), group(1, 0)]);
        let empty = lb("spare", |l| l.target_groups = vec![group(0, 0)]);
        assert_eq!(failing(&CHECK, vec![down, up, empty]), ["shop"]);
    }
}
