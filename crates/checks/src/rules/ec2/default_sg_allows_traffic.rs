//! Default security groups with rules: anything launched without a group gets them.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.default_sg_allows_traffic",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP02",
        reads: &["ec2:DescribeSecurityGroups"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Default security group allows inbound traffic",
        action: "Empty the rules of default security groups",
        remediation: "Remove every inbound rule from the VPC's default group and give workloads their own groups. Console: VPC > Security groups > {id} > Inbound rules > Edit. CLI: aws ec2 describe-security-groups --region {region} --group-ids {id} --query SecurityGroups[0].IpPermissions > ingress.json && aws ec2 revoke-security-group-ingress --region {region} --group-id {id} --ip-permissions file://ingress.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, sg) in ctx.each(Resource::as_security_group) {
        if !sg.is_default() {
            continue;
        }
        out.record(resource, sg.ingress.is_empty(), || {
            format!(
                "the default group of {} has {} inbound rules",
                sg.vpc_id.as_deref().unwrap_or("its VPC"),
                sg.ingress.len()
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{IngressRule, SecurityGroup};

    fn group(id: &str, name: &str, rules: usize) -> Resource {
        SecurityGroup {
            id: id.into(),
            region: "us-east-1".into(),
            name: name.into(),
            ingress: vec![
                IngressRule {
                    protocol: "-1".into(),
                    ..Default::default()
                };
                rules
            ],
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_default_groups_with_rules_only() {
        let fails = failing(
            &CHECK,
            vec![
                group("sg-d1", "default", 1),
                group("sg-d2", "default", 0),
                group("sg-web", "web", 3),
            ],
        );
        assert_eq!(fails, ["sg-d1"]);
    }
}
