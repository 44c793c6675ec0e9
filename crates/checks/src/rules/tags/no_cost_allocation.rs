//! Resources that carry no tag a bill can be split by (cost centre, project, application):
//! their spend lands in "unallocated" in every cost report.

use wellscan_model::{Fact, Pillar, ResourceKind, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "tags.no_cost_allocation",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::OperationalExcellence],
        best_practice: "COST03-BP02",
        reads: &[
            "ec2:DescribeInstances",
            "ec2:DescribeVolumes",
            "rds:DescribeDBInstances",
            "s3:GetBucketTagging",
            "dynamodb:ListTagsOfResource",
        ],
        facts: &[Fact::Tags],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Resource has no cost allocation tag",
        action: "Tag resources with a cost centre, project or application and activate the tag for billing",
        remediation: "Tag each resource with the cost centre, project or application that pays for it, then \
            activate the key as a cost allocation tag so Cost Explorer and the Cost and Usage Report split \
            spend by it. Console: Billing and Cost Management > Cost allocation tags. CLI: aws \
            resourcegroupstaggingapi tag-resources --region {region} --resource-arn-list ARN --tags \
            CostCenter=CC-1234",
    },
    evaluate,
};

/// The kinds that carry most of a bill.
const BILLED_KINDS: &[ResourceKind] = &[
    ResourceKind::Ec2Instance,
    ResourceKind::EbsVolume,
    ResourceKind::RdsInstance,
    ResourceKind::RdsCluster,
    ResourceKind::S3Bucket,
    ResourceKind::DynamodbTable,
    ResourceKind::NatGateway,
    ResourceKind::ElasticacheCluster,
];

/// Tag keys a bill is commonly split by, compared without case or separators.
const ALLOCATION_KEYS: &[&str] = &[
    "costcenter",
    "costcentre",
    "project",
    "application",
    "app",
    "product",
    "businessunit",
    "billingcode",
];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for resource in ctx
        .inventory
        .resources
        .iter()
        .filter(|r| BILLED_KINDS.contains(&r.kind()))
    {
        if out.unknown(resource, &[Fact::Tags]) {
            continue;
        }
        let allocated = super::has_any(resource, ALLOCATION_KEYS);
        out.record(resource, allocated, || {
            "no CostCenter, Project or Application tag: its spend is unallocated".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{Ec2Instance, Resource, Tags};

    use super::*;
    use crate::testing::failing;

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
    fn flags_resources_no_bill_can_be_split_by() {
        let bare = instance("i-1", &[("Name", "web")]);
        let centre = instance("i-2", &[("cost-center", "CC-12")]);
        let app = instance("i-3", &[("Application", "orders")]);
        let mut unread = instance("i-4", &[]);
        unread.unknown_mut().mark(Fact::Tags);
        assert_eq!(failing(&CHECK, vec![bare, centre, app, unread]), ["i-1"]);
    }
}
