//! Active access keys that have not been rotated in months.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.access_key_old",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC02-BP05",
        reads: &["iam:GetAccountAuthorizationDetails", "iam:ListAccessKeys"],
        facts: &[Fact::AccessKeys],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Access key not rotated",
        action: "Rotate long-lived access keys, or replace them with roles",
        remediation: "Create a new key, move its users to it, deactivate and delete the old one; better, replace the user's keys with a role. Console: IAM > Users > {id} > Security credentials > Access keys. CLI: aws iam create-access-key --user-name {id} && aws iam update-access-key --user-name {id} --access-key-id OLD --status Inactive",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let max = ctx.config.thresholds.access_key_max_age_days;
    for (resource, user) in ctx.each(Resource::as_iam_user) {
        let old: Vec<String> = user
            .access_keys
            .iter()
            .filter(|k| k.active)
            .filter_map(|k| {
                ctx.days_since(k.created_at)
                    .filter(|d| *d > max)
                    .map(|d| format!("{} ({})", k.id, crate::days(d)))
            })
            .collect();
        if out.unknown(resource, &[Fact::AccessKeys]) {
            continue;
        }
        if user.access_keys.iter().any(|k| k.active) {
            out.record(resource, old.is_empty(), || {
                format!(
                    "active keys older than {}: {}",
                    crate::days(max),
                    old.join(", ")
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{AccessKey, IamUser};

    fn user(id: &str, keys: &[(bool, i64)]) -> Resource {
        IamUser {
            id: id.into(),
            region: "global".into(),
            access_keys: keys
                .iter()
                .enumerate()
                .map(|(n, (active, age))| AccessKey {
                    id: format!("AKIA{n}"),
                    active: *active,
                    created_at: days_ago(*age),
                    last_used: days_ago(1),
                })
                .collect(),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_active_keys_past_the_age_limit() {
        let fails = failing(
            &CHECK,
            vec![
                user("old", &[(true, 400)]),
                user("fresh", &[(true, 10)]),
                user("retired", &[(false, 400)]),
                user("none", &[]),
            ],
        );
        assert_eq!(fails, ["old"]);
    }
}
