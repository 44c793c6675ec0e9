//! Auto Scaling groups whose launch settings let instances answer IMDSv1: every instance the
//! group starts hands its role's credentials to any request it can be tricked into making.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "autoscaling.imdsv1_allowed",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC06-BP02",
        reads: &[
            "autoscaling:DescribeAutoScalingGroups",
            "autoscaling:DescribeLaunchConfigurations",
            "ec2:DescribeLaunchTemplateVersions",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Auto Scaling group launches instances that allow IMDSv1",
        action: "Require IMDSv2 in launch templates",
        remediation: "Create a launch template version with HttpTokens=required, make it the group's version and \
            refresh the instances. Console: EC2 > Launch templates > TEMPLATE > Modify (new version) > Advanced \
            details > Metadata version: V2 only. CLI: aws ec2 create-launch-template-version --region {region} \
            --launch-template-name TEMPLATE --source-version '$Latest' --launch-template-data \
            '{\"MetadataOptions\":{\"HttpTokens\":\"required\"}}' && aws autoscaling start-instance-refresh \
            --region {region} --auto-scaling-group-name {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, g) in ctx.each(Resource::as_autoscaling_group) {
        let Some(required) = g.imds_v2_required else {
            out.skip(resource);
            continue;
        };
        out.record(resource, required, || {
            let from = match (&g.launch_template, &g.launch_configuration) {
                (Some(t), _) => format!("launch template {t}"),
                (None, Some(c)) => format!("launch configuration {c}"),
                (None, None) => "its launch settings".to_string(),
            };
            format!("{from} leaves HttpTokens optional (IMDSv1 allowed)")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::autoscaling::group;
    use crate::testing::{failing, outcome};

    #[test]
    fn flags_groups_launching_imdsv1_instances_and_skips_unread_templates() {
        let v1 = group("web", |g| g.imds_v2_required = Some(false));
        let v2 = group("api", |_| {});
        let unread = group("batch", |g| g.imds_v2_required = None);
        assert_eq!(
            failing(&CHECK, vec![v1.clone(), v2.clone(), unread.clone()]),
            ["web"]
        );
        let run = outcome(&CHECK, vec![v1, v2, unread]);
        assert_eq!((run.evaluated(), run.not_evaluated()), (2, 1));
    }
}
