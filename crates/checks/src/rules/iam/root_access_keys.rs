//! Access keys on the root user: unlimited power that cannot be scoped.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.root_access_keys",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC01-BP02",
        reads: &["iam:GetAccountSummary"],
        facts: &[],
        severity: Severity::Critical,
        fix: FixEffect::Neutral,
        title: "Root user has access keys",
        action: "Delete the root user's access keys",
        remediation: "Sign in as root and delete its access keys; use roles for automation. Console: account menu > Security credentials > Access keys > Delete. Only the root user can delete them; afterwards the account summary shows AccountAccessKeysPresent 0. CLI: aws iam get-account-summary --query SummaryMap.AccountAccessKeysPresent",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, a) in ctx.each(Resource::as_account_summary) {
        out.record(resource, a.root_access_keys == 0, || {
            format!(
                "the root user has {}",
                wellscan_model::count(a.root_access_keys as usize, "access key", "access keys")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::AccountSummary;

    #[test]
    fn flags_root_keys() {
        let account = |keys: u32| -> Resource {
            AccountSummary {
                id: "123456789012".into(),
                region: "global".into(),
                root_access_keys: keys,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(failing(&CHECK, vec![account(1)]).len(), 1);
        assert!(failing(&CHECK, vec![account(0)]).is_empty());
    }
}
