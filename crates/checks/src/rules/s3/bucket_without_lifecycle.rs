//! Buckets that keep every object forever in the storage class it arrived in.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3.bucket_without_lifecycle",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS04-BP03",
        reads: &["s3:ListAllMyBuckets", "s3:GetLifecycleConfiguration"],
        facts: &[Fact::LifecycleRules],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "S3 bucket has no lifecycle rules",
        action: "Add S3 lifecycle rules to tier and expire data",
        remediation: "Add lifecycle rules that move cold data to cheaper storage classes (or Intelligent-Tiering), \
            expire what is no longer needed, and abort incomplete multipart uploads. Console: S3 > {id} > \
            Management > Create lifecycle rule. CLI: aws s3api put-bucket-lifecycle-configuration --bucket {id} \
            --lifecycle-configuration file://lifecycle.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, bucket) in ctx.each(Resource::as_s3_bucket) {
        if out.unknown(resource, &[Fact::LifecycleRules]) {
            continue;
        }
        out.record(resource, bucket.lifecycle_rules > 0, || {
            "no lifecycle rules: objects are never tiered or expired".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::S3Bucket;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_buckets_without_rules() {
        let bucket = |id: &str, lifecycle_rules| -> Resource {
            S3Bucket {
                id: id.into(),
                lifecycle_rules,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(&CHECK, vec![bucket("none", 0), bucket("tiered", 2)]),
            ["none"]
        );
    }
}
