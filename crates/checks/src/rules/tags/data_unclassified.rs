//! Data stores with no tag saying how sensitive their data is: nothing tells who may read it,
//! how it must be protected or how long it may be kept.

use wellscan_model::{Fact, Pillar, ResourceKind, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "tags.data_unclassified",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC07-BP01",
        reads: &[
            "s3:GetBucketTagging",
            "rds:DescribeDBInstances",
            "dynamodb:ListTagsOfResource",
            "elasticfilesystem:DescribeFileSystems",
        ],
        facts: &[Fact::Tags],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Data store has no data classification tag",
        action: "Tag each data store with its data classification",
        remediation: "Agree a classification scheme (public, internal, confidential, restricted), tag every data \
            store with it, and enforce the tag with a tag policy; base access, encryption and retention rules on \
            it. Console: Resource Groups & Tag Editor. CLI: aws resourcegroupstaggingapi tag-resources --region \
            {region} --resource-arn-list ARN --tags DataClassification=confidential",
    },
    evaluate,
};

/// The kinds that hold data.
const DATA_STORES: &[ResourceKind] = &[
    ResourceKind::S3Bucket,
    ResourceKind::RdsInstance,
    ResourceKind::RdsCluster,
    ResourceKind::DynamodbTable,
    ResourceKind::EfsFileSystem,
];

/// Tag keys that carry a classification, compared without case or separators.
const CLASSIFICATION_KEYS: &[&str] = &[
    "dataclassification",
    "classification",
    "datasensitivity",
    "sensitivity",
    "confidentiality",
];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for resource in ctx
        .inventory
        .resources
        .iter()
        .filter(|r| DATA_STORES.contains(&r.kind()))
    {
        if out.unknown(resource, &[Fact::Tags]) {
            continue;
        }
        let classified = super::has_any(resource, CLASSIFICATION_KEYS);
        out.record(resource, classified, || {
            format!(
                "no classification tag ({})",
                ["DataClassification", "Sensitivity", "Confidentiality"].join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{Resource, S3Bucket, Tags};

    use super::*;
    use crate::testing::failing;

    fn bucket(id: &str, tags: &[(&str, &str)]) -> Resource {
        let tags: Tags = tags
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        S3Bucket {
            id: id.into(),
            tags,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_data_stores_without_a_classification_tag_in_any_spelling() {
        let plain = bucket("exports", &[("Owner", "data")]);
        let tagged = bucket("ledger", &[("data-classification", "restricted")]);
        let other = bucket("logs", &[("Sensitivity", "internal")]);
        let mut unread = bucket("archive", &[]);
        unread.unknown_mut().mark(Fact::Tags);
        assert_eq!(
            failing(&CHECK, vec![plain, tagged, other, unread]),
            ["exports"]
        );
    }
}
