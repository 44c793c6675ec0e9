//! Active access keys nobody has used in months.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.access_key_unused",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP06",
        reads: &[
            "iam:GetAccountAuthorizationDetails",
            "iam:ListAccessKeys",
            "iam:GetAccessKeyLastUsed",
        ],
        facts: &[Fact::AccessKeyLastUsed, Fact::AccessKeys],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Access key unused",
        action: "Deactivate and delete access keys nobody uses",
        remediation: "Deactivate the key, wait to see that nothing breaks, then delete it. Console: IAM > Users > {id} > Security credentials > Access keys > Actions > Deactivate. CLI: aws iam update-access-key --user-name {id} --access-key-id KEY --status Inactive",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let limit = ctx.config.thresholds.access_key_unused_days;
    for (resource, user) in ctx.each(Resource::as_iam_user) {
        if out.unknown(resource, &[Fact::AccessKeys, Fact::AccessKeyLastUsed]) {
            continue;
        }
        let active: Vec<_> = user.access_keys.iter().filter(|k| k.active).collect();
        if active.is_empty() {
            continue;
        }
        // A key never used counts from its creation.
        let unused: Vec<String> = active
            .iter()
            .filter_map(|k| {
                ctx.days_since(k.last_used.or(k.created_at))
                    .filter(|d| *d > limit)
                    .map(|d| format!("{} ({})", k.id, crate::days(d)))
            })
            .collect();
        out.record(resource, unused.is_empty(), || {
            format!(
                "active keys unused for over {}: {}",
                crate::days(limit),
                unused.join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{AccessKey, IamUser};

    fn user(id: &str, created: i64, used: Option<i64>) -> Resource {
        IamUser {
            id: id.into(),
            region: "global".into(),
            access_keys: vec![AccessKey {
                id: "AKIA1".into(),
                active: true,
                created_at: days_ago(created),
                last_used: used.and_then(days_ago),
            }],
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_keys_idle_past_the_limit_counting_never_used_from_creation() {
        let fails = failing(
            &CHECK,
            vec![
                user("idle", 300, Some(200)),
                user("never", 120, None),
                user("busy", 300, Some(1)),
                user("new", 5, None),
            ],
        );
        assert_eq!(fails, ["idle", "never"]);
    }
}
