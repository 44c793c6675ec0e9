//! Buckets whose policy or ACL grants access to everyone.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3.bucket_public",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP07",
        reads: &[
            "s3:ListAllMyBuckets",
            "s3:GetBucketPolicy",
            "s3:GetBucketAcl",
            "s3:GetBucketPublicAccessBlock",
        ],
        facts: &[Fact::AclPublic, Fact::PolicyPublic],
        severity: Severity::Critical,
        fix: FixEffect::Neutral,
        title: "S3 bucket is readable or writable by anyone",
        action: "Block public access to S3 buckets",
        remediation: "Remove the public statements from the bucket policy and the AllUsers/AuthenticatedUsers \
            grants from the ACL, then turn on Block Public Access; serve public content through CloudFront with \
            origin access control. Console: S3 > {id} > Permissions. CLI: aws s3api put-public-access-block \
            --bucket {id} --public-access-block-configuration \
            BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, bucket) in ctx.each(Resource::as_s3_bucket) {
        // Public through either one is a failure; a pass needs both read.
        let unknown = bucket.unknown.any(&[Fact::PolicyPublic, Fact::AclPublic]);
        if unknown && !bucket.policy_public && !bucket.acl_public {
            out.skip(resource);
            continue;
        }
        let mut why = Vec::new();
        if bucket.policy_public {
            why.push("the bucket policy grants access to everyone");
        }
        if bucket.acl_public {
            why.push("the ACL grants access to all users");
        }
        out.record(resource, why.is_empty(), || {
            let block = match bucket.public_access_block {
                Some(b) if b.all_on() => "Block Public Access is on",
                Some(_) => "Block Public Access is partly off",
                None => "Block Public Access is not configured",
            };
            format!("{}; {block}", why.join(" and "))
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::S3Bucket;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_public_policy_or_acl() {
        let bucket = |id: &str, policy_public, acl_public| -> Resource {
            S3Bucket {
                id: id.into(),
                policy_public,
                acl_public,
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                bucket("policy", true, false),
                bucket("acl", false, true),
                bucket("private", false, false),
            ],
        );
        assert_eq!(fails, ["policy", "acl"]);
    }
}
