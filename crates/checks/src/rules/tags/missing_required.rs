//! Taggable resources missing the tags the team requires (owner, environment, ...).

use wellscan_model::{Fact, Pillar, ResourceKind, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "tags.missing_required",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::CostOptimization],
        best_practice: "OPS02-BP01",
        reads: &[
            "ec2:DescribeInstances",
            "ec2:DescribeVolumes",
            "rds:DescribeDBInstances",
            "lambda:ListTags",
            "s3:GetBucketTagging",
            "dynamodb:ListTagsOfResource",
        ],
        facts: &[Fact::Tags],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Resource is missing required tags",
        action: "Tag every resource with its owner and environment",
        remediation: "Add the missing tags, and enforce them with tag policies or an SCP on create. Console: \
            Resource Groups & Tag Editor. CLI: aws resourcegroupstaggingapi tag-resources --region {region} \
            --resource-arn-list ARN --tags Owner=TEAM,Environment=ENV",
    },
    evaluate,
};

/// The kinds that hold workloads and are expected to carry ownership tags.
const TAGGED_KINDS: &[ResourceKind] = &[
    ResourceKind::Ec2Instance,
    ResourceKind::EbsVolume,
    ResourceKind::RdsInstance,
    ResourceKind::RdsCluster,
    ResourceKind::LambdaFunction,
    ResourceKind::S3Bucket,
    ResourceKind::NatGateway,
];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let required = &ctx.config.required_tags;
    if required.is_empty() {
        return;
    }
    for resource in ctx
        .inventory
        .resources
        .iter()
        .filter(|r| TAGGED_KINDS.contains(&r.kind()))
    {
        if out.unknown(resource, &[Fact::Tags]) {
            continue;
        }
        let missing: Vec<&str> = required
            .iter()
            .filter(|key| !resource.tags().keys().any(|k| k.eq_ignore_ascii_case(key)))
            .map(String::as_str)
            .collect();
        out.record(resource, missing.is_empty(), || {
            format!("missing tags: {}", missing.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{Ec2Instance, IamUser, Resource, Tags};

    use super::*;
    use crate::Config;
    use crate::testing::{failing, outcome_with};

    fn instance(id: &str, tags: &[(&str, &str)]) -> Resource {
        let tags: Tags = tags
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Ec2Instance {
            id: id.into(),
            tags,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_missing_keys_case_insensitively() {
        let fails = failing(
            &CHECK,
            vec![
                instance("i-none", &[]),
                instance("i-owner", &[("owner", "payments")]),
                instance("i-both", &[("Owner", "payments"), ("environment", "prod")]),
                IamUser {
                    id: "alice".into(),
                    ..Default::default()
                }
                .into(),
            ],
        );
        assert_eq!(fails, ["i-none", "i-owner"]);
    }

    #[test]
    fn the_required_list_comes_from_config() {
        let config = Config {
            required_tags: vec!["CostCenter".into()],
            ..Config::default()
        };
        let out = outcome_with(
            &CHECK,
            vec![instance(
                "i-both",
                &[("Owner", "x"), ("Environment", "prod")],
            )],
            &config,
        );
        assert_eq!(out.failures()[0].evidence(), "missing tags: CostCenter");
    }
}
