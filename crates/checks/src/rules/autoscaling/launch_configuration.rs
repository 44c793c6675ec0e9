//! Auto Scaling groups still launching from a launch configuration, which AWS no longer
//! extends: no new instance types, no versions to roll back to.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "autoscaling.launch_configuration",
        pillar: Pillar::OperationalExcellence,
        related: &[],
        best_practice: "OPS05-BP03",
        reads: &["autoscaling:DescribeAutoScalingGroups"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Auto Scaling group uses a launch configuration",
        action: "Move Auto Scaling groups to versioned launch templates",
        remediation: "Copy the launch configuration to a launch template (the console does it in one step) and \
            point the group at the template. Console: EC2 > Launch configurations > CONFIG > Copy to launch \
            template. CLI: aws autoscaling update-auto-scaling-group --region {region} \
            --auto-scaling-group-name {id} --launch-template LaunchTemplateName=TEMPLATE,Version='$Default'",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, g) in ctx.each(Resource::as_autoscaling_group) {
        match &g.launch_configuration {
            Some(name) => out.fail(
                resource,
                format!("launches from launch configuration {name}"),
            ),
            None => out.pass(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::autoscaling::group;
    use crate::testing::failing;

    #[test]
    fn flags_groups_on_launch_configurations() {
        let old = group("legacy", |g| {
            g.launch_template = None;
            g.launch_configuration = Some("legacy-lc".into());
        });
        let new = group("web", |_| {});
        assert_eq!(failing(&CHECK, vec![old, new]), ["legacy"]);
    }
}
