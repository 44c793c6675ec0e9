//! Buckets with no default encryption configuration: an object uploaded without encryption
//! headers is stored as the uploader sent it.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3.default_encryption_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &["s3:ListAllMyBuckets", "s3:GetEncryptionConfiguration"],
        facts: &[Fact::DefaultEncryption],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "S3 bucket has no default encryption",
        action: "Set default encryption (SSE-S3 or SSE-KMS) on the bucket",
        remediation: "Set a default encryption configuration so every new object is encrypted at rest, with a \
            KMS key where access to the data must be auditable. Console: S3 > {id} > Properties > Default \
            encryption > Edit. CLI: aws s3api put-bucket-encryption --bucket {id} \
            --server-side-encryption-configuration \
            '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\"}}]}'",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, bucket) in ctx.each(Resource::as_s3_bucket) {
        if out.unknown(resource, &[Fact::DefaultEncryption]) {
            continue;
        }
        out.record(resource, bucket.default_encryption.is_some(), || {
            "no default encryption configuration".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{failing, outcome, s3_bucket};

    #[test]
    fn flags_buckets_without_a_default_encryption_configuration() {
        let resources = vec![
            s3_bucket("plain", |_| {}),
            s3_bucket("sse-s3", |b| b.default_encryption = Some("AES256".into())),
            s3_bucket("sse-kms", |b| b.default_encryption = Some("aws:kms".into())),
        ];
        assert_eq!(failing(&CHECK, resources.clone()), ["plain"]);
        assert_eq!(outcome(&CHECK, resources).evaluated(), 3);
    }
}
