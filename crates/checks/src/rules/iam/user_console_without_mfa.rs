//! IAM users who can sign in to the console with a password alone.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.user_console_without_mfa",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC02-BP01",
        reads: &[
            "iam:GetAccountAuthorizationDetails",
            "iam:GenerateCredentialReport",
            "iam:GetCredentialReport",
        ],
        facts: &[Fact::ConsoleAccess, Fact::MfaDevices],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "IAM user signs in to the console without MFA",
        action: "Require MFA for console users, or move them to IAM Identity Center",
        remediation: "Have the user register an MFA device (or remove the console password), and add a policy that \
            denies actions without aws:MultiFactorAuthPresent; better, move people to IAM Identity Center. Console: \
            IAM > Users > {id} > Security credentials > Assign MFA device. CLI: aws iam list-mfa-devices --user-name {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, user) in ctx.each(Resource::as_iam_user) {
        if out.unknown(resource, &[Fact::ConsoleAccess, Fact::MfaDevices]) {
            continue;
        }
        if !user.console_access {
            continue;
        }
        out.record(resource, user.mfa_devices > 0, || {
            let last = ctx
                .days_since(user.password_last_used)
                .map(|d| format!("last signed in {} ago", crate::days(d)))
                .unwrap_or_else(|| "has never signed in".to_string());
            format!("console password set, no MFA device; {last}")
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::IamUser;

    use super::*;
    use crate::testing::{days_ago, failing};

    #[test]
    fn flags_console_users_without_mfa_only() {
        let user = |id: &str, console_access, mfa_devices| -> Resource {
            IamUser {
                id: id.into(),
                console_access,
                mfa_devices,
                password_last_used: days_ago(3),
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                user("alice", true, 0),
                user("bob", true, 1),
                user("ci-bot", false, 0),
            ],
        );
        assert_eq!(fails, ["alice"]);
    }
}
