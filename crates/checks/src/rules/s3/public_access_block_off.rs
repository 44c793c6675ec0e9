//! Buckets without all four Block Public Access settings, at bucket or account level.

use wellscan_model::{Fact, GLOBAL_REGION, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3.public_access_block_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP04",
        reads: &[
            "s3:ListAllMyBuckets",
            "s3:GetBucketPublicAccessBlock",
            "s3:GetAccountPublicAccessBlock",
        ],
        facts: &[Fact::PublicAccessBlock],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "S3 Block Public Access is not fully on",
        action: "Turn on all four Block Public Access settings",
        remediation: "Turn on Block Public Access for the bucket (or the whole account) unless it must be public. Console: S3 > {id} > Permissions > Block public access > Edit. CLI: aws s3api put-public-access-block --bucket {id} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    // The account-level setting covers every bucket.
    let accounts: Vec<_> = ctx.each(Resource::as_account_summary).collect();
    let account_wide = accounts.iter().any(|(_, a)| {
        a.s3_public_access_block
            .as_ref()
            .is_some_and(|p| p.all_on())
    });
    // The summary not read, or its setting not read: the account-wide answer is unknown.
    let account_unknown = (accounts.is_empty()
        && ctx.unread(GLOBAL_REGION, "iam", "GetAccountSummary"))
        || accounts
            .iter()
            .any(|(r, _)| r.unknown().contains(Fact::S3PublicAccessBlock));
    for (resource, b) in ctx.each(Resource::as_s3_bucket) {
        let on = account_wide || b.public_access_block.as_ref().is_some_and(|p| p.all_on());
        if !on && (account_unknown || b.unknown.contains(Fact::PublicAccessBlock)) {
            out.skip(resource);
            continue;
        }
        out.record(resource, on, || match &b.public_access_block {
            None => "no Block Public Access configuration on the bucket or the account".into(),
            Some(_) => "Block Public Access is only partly on".into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{AccountSummary, PublicAccessBlock};

    #[test]
    fn flags_buckets_without_full_blocking_unless_the_account_blocks() {
        let all = PublicAccessBlock {
            block_public_acls: true,
            ignore_public_acls: true,
            block_public_policy: true,
            restrict_public_buckets: true,
        };
        let part = PublicAccessBlock {
            block_public_acls: true,
            ..Default::default()
        };
        let fails = failing(
            &CHECK,
            vec![
                s3_bucket("none", |_| {}),
                s3_bucket("part", |b| b.public_access_block = Some(part)),
                s3_bucket("full", |b| b.public_access_block = Some(all)),
            ],
        );
        assert_eq!(fails, ["none", "part"]);
        let account: Resource = AccountSummary {
            id: "123456789012".into(),
            region: "global".into(),
            s3_public_access_block: Some(all),
            ..Default::default()
        }
        .into();
        assert!(failing(&CHECK, vec![s3_bucket("none", |_| {}), account]).is_empty());
    }
}
