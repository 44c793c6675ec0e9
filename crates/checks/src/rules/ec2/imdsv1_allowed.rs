//! Instances that still answer IMDSv1, the metadata path SSRF attacks use.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.imdsv1_allowed",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP01",
        reads: &["ec2:DescribeInstances"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Instance allows IMDSv1",
        action: "Require IMDSv2 (session tokens) on every instance",
        remediation: "Require session tokens for the instance metadata service. Console: EC2 > Instances > {id} > Actions > Instance settings > Modify instance metadata options > IMDSv2 Required. CLI: aws ec2 modify-instance-metadata-options --region {region} --instance-id {id} --http-tokens required --http-endpoint enabled",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, i) in ctx.each(Resource::as_ec2_instance) {
        if matches!(
            i.state,
            InstanceState::Terminated | InstanceState::ShuttingDown
        ) {
            continue;
        }
        out.record(resource, i.imds_v2_required, || {
            let state = format!("{:?}", i.state).to_lowercase();
            format!("HttpTokens is optional on this {state} {}", i.instance_type)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::Ec2Instance;

    fn instance(id: &str, v2: bool) -> Resource {
        Ec2Instance {
            id: id.into(),
            region: "us-east-1".into(),
            instance_type: "t3.micro".into(),
            state: InstanceState::Running,
            imds_v2_required: v2,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_instances_without_required_tokens() {
        let fails = failing(
            &CHECK,
            vec![instance("i-v1", false), instance("i-v2", true)],
        );
        assert_eq!(fails, ["i-v1"]);
    }
}
