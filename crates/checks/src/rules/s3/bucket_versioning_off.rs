//! Buckets without versioning: an overwrite or delete is final.

use wellscan_model::{Fact, Pillar, Resource, Severity, Versioning};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3.bucket_versioning_off",
        pillar: Pillar::Reliability,
        related: &[Pillar::Security],
        best_practice: "REL09-BP01",
        reads: &["s3:ListAllMyBuckets", "s3:GetBucketVersioning"],
        facts: &[Fact::Versioning],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "S3 bucket does not keep object versions",
        action: "Turn on S3 versioning with a lifecycle rule for old versions",
        remediation: "Enable versioning and add a lifecycle rule that expires noncurrent versions after a \
            retention period. Console: S3 > {id} > Properties > Bucket Versioning. CLI: aws s3api \
            put-bucket-versioning --bucket {id} --versioning-configuration Status=Enabled",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, bucket) in ctx.each(Resource::as_s3_bucket) {
        if out.unknown(resource, &[Fact::Versioning]) {
            continue;
        }
        out.record(
            resource,
            bucket.versioning == Versioning::Enabled,
            || match bucket.versioning {
                Versioning::Suspended => "versioning is suspended".to_string(),
                _ => "versioning has never been enabled".to_string(),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::S3Bucket;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_disabled_and_suspended_versioning() {
        let bucket = |id: &str, versioning| -> Resource {
            S3Bucket {
                id: id.into(),
                versioning,
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                bucket("off", Versioning::Disabled),
                bucket("paused", Versioning::Suspended),
                bucket("on", Versioning::Enabled),
            ],
        );
        assert_eq!(fails, ["off", "paused"]);
    }
}
