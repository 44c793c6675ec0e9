//! Auto Scaling groups with room to scale and nothing that scales them: capacity sits at the
//! desired count whatever the load, too little at the peak or too much the rest of the time.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "autoscaling.no_scaling_policy",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::CostOptimization, Pillar::Sustainability],
        best_practice: "PERF02-BP05",
        reads: &[
            "autoscaling:DescribeAutoScalingGroups",
            "autoscaling:DescribePolicies",
        ],
        facts: &[Fact::ScalingPolicies],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Auto Scaling group has no scaling policy",
        action: "Scale Auto Scaling groups on load with a target-tracking policy",
        remediation: "Add a target-tracking policy on the metric that tracks the load (CPU, request count per \
            target). Console: EC2 > Auto Scaling groups > {id} > Automatic scaling > Create dynamic scaling \
            policy. CLI: aws autoscaling put-scaling-policy --region {region} --auto-scaling-group-name {id} \
            --policy-name cpu50 --policy-type TargetTrackingScaling --target-tracking-configuration \
            '{\"PredefinedMetricSpecification\":{\"PredefinedMetricType\":\"ASGAverageCPUUtilization\"},\"TargetValue\":50}'",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, g) in ctx.each(Resource::as_autoscaling_group) {
        if g.max_size <= g.min_size || out.unknown(resource, &[Fact::ScalingPolicies]) {
            continue;
        }
        out.record(resource, g.scaling_policies > 0, || {
            format!(
                "may run {} to {} instances, no policy moves it from {}",
                g.min_size, g.max_size, g.desired_capacity
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
    fn flags_elastic_groups_nothing_scales() {
        let still = group("web", |g| g.scaling_policies = 0);
        let scaled = group("api", |_| {});
        let fixed = group("bastion", |g| {
            g.scaling_policies = 0;
            g.min_size = 1;
            g.max_size = 1;
        });
        assert_eq!(failing(&CHECK, vec![still, scaled, fixed]), ["web"]);
    }
}
