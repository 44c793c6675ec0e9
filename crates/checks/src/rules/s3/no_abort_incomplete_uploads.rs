//! Buckets whose lifecycle rules never abort incomplete multipart uploads: the parts of every
//! upload that failed or was abandoned stay stored, and billed, forever, invisible in the
//! bucket's object listing.
//!
//! A bucket with no lifecycle rule at all is `s3.bucket_without_lifecycle`'s finding (whose
//! remediation includes this rule), so this check judges only buckets that have rules.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3.no_abort_incomplete_uploads",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS04-BP05",
        reads: &["s3:ListAllMyBuckets", "s3:GetLifecycleConfiguration"],
        facts: &[Fact::LifecycleRules],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "S3 lifecycle rules keep incomplete multipart uploads",
        action: "Abort incomplete multipart uploads after a few days",
        remediation: "Add AbortIncompleteMultipartUpload (for example after 7 days) to a lifecycle rule that covers the whole bucket. put-bucket-lifecycle-configuration replaces every rule: start from what get-bucket-lifecycle-configuration returns. Console: S3 > {id} > Management > Lifecycle rules > Edit > Delete expired object delete markers or incomplete multipart uploads. CLI: aws s3api get-bucket-lifecycle-configuration --bucket {id} > lifecycle.json && aws s3api put-bucket-lifecycle-configuration --bucket {id} --lifecycle-configuration file://lifecycle.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, bucket) in ctx.each(Resource::as_s3_bucket) {
        if out.unknown(resource, &[Fact::LifecycleRules]) {
            continue;
        }
        if bucket.lifecycle_rules == 0 {
            continue;
        }
        out.record(resource, bucket.aborts_incomplete_uploads, || {
            format!(
                "{} lifecycle rule(s), none aborting incomplete multipart uploads",
                bucket.lifecycle_rules
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn flags_buckets_with_rules_that_never_abort_uploads() {
        let fails = failing(
            &CHECK,
            vec![
                s3_bucket("expires-only", |b| b.lifecycle_rules = 2),
                s3_bucket("tidy", |b| {
                    b.lifecycle_rules = 1;
                    b.aborts_incomplete_uploads = true;
                }),
                s3_bucket("no-rules", |_| {}),
            ],
        );
        assert_eq!(fails, ["expires-only"]);
    }

    #[test]
    fn unread_rules_are_not_judged() {
        let out = outcome(
            &CHECK,
            vec![s3_bucket("dark", |b| {
                b.lifecycle_rules = 1;
                b.unknown.mark(Fact::LifecycleRules);
            })],
        );
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 1));
    }
}
