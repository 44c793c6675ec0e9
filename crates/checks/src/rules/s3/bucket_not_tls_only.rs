//! Buckets whose policy does not refuse plain-HTTP requests.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3.bucket_not_tls_only",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP02",
        reads: &["s3:ListAllMyBuckets", "s3:GetBucketPolicy"],
        facts: &[Fact::TlsOnlyPolicy],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "S3 bucket accepts requests without TLS",
        action: "Deny aws:SecureTransport=false in the bucket policy",
        remediation: "Add a statement denying every s3:* request where aws:SecureTransport is false. Console: S3 > {id} > Permissions > Bucket policy > Edit. CLI: aws s3api put-bucket-policy --bucket {id} --policy file://tls-only.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, b) in ctx.each(Resource::as_s3_bucket) {
        if out.unknown(resource, &[Fact::TlsOnlyPolicy]) {
            continue;
        }
        out.record(resource, b.tls_only_policy, || {
            "no bucket policy statement denies aws:SecureTransport=false".into()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn flags_buckets_without_a_tls_only_policy() {
        let fails = failing(
            &CHECK,
            vec![
                s3_bucket("plain", |_| {}),
                s3_bucket("tls", |b| b.tls_only_policy = true),
            ],
        );
        assert_eq!(fails, ["plain"]);
    }
}
