//! The root user without MFA (root access keys are `iam.root_access_keys`).

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.root_without_mfa",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC01-BP02",
        reads: &["iam:GetAccountSummary"],
        facts: &[],
        severity: Severity::Critical,
        fix: FixEffect::Neutral,
        title: "Root user is not protected by MFA",
        action: "Protect the root user with MFA",
        remediation: "Sign in as root and assign a hardware or passkey MFA device; keep root for the few tasks \
            that need it; afterwards the account summary shows AccountMFAEnabled 1. Console: IAM > Dashboard > \
            Security recommendations. CLI: aws iam get-account-summary --query SummaryMap.AccountMFAEnabled",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, account) in ctx.each(Resource::as_account_summary) {
        out.record(resource, account.root_mfa_enabled, || {
            "root has no MFA device".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::AccountSummary;

    use super::*;
    use crate::testing::outcome;

    #[test]
    fn flags_missing_mfa_only() {
        let account = |mfa, keys| -> Resource {
            AccountSummary {
                id: "root".into(),
                root_mfa_enabled: mfa,
                root_access_keys: keys,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(outcome(&CHECK, vec![account(true, 0)]).failures().len(), 0);
        let out = outcome(&CHECK, vec![account(false, 1)]);
        assert_eq!(out.failures()[0].evidence(), "root has no MFA device");
        assert_eq!(outcome(&CHECK, vec![account(true, 2)]).failures().len(), 0);
    }
}
