//! No account password policy, or one weaker than the CIS baseline.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.password_policy_weak",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC02-BP01",
        reads: &["iam:GetAccountPasswordPolicy"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Password policy missing or weak",
        action: "Set a password policy: 14+ characters, reuse prevention",
        remediation: "Require at least 14 characters, all character classes and reuse prevention of 24. Console: IAM > Account settings > Password policy > Edit. CLI: aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --password-reuse-prevention 24",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, p) in ctx.each(Resource::as_password_policy) {
        let mut weak = Vec::new();
        if !p.present {
            weak.push("no password policy".to_string());
        } else {
            if p.minimum_length < 14 {
                weak.push(format!("minimum length {}", p.minimum_length));
            }
            if !(p.require_uppercase
                && p.require_lowercase
                && p.require_numbers
                && p.require_symbols)
            {
                weak.push("not every character class required".into());
            }
            if p.reuse_prevention.unwrap_or(0) < 24 {
                weak.push("reuse prevention below 24".into());
            }
        }
        out.record(resource, weak.is_empty(), || weak.join("; "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::PasswordPolicy;

    #[test]
    fn flags_missing_and_short_policies() {
        let strong = PasswordPolicy {
            id: "password-policy".into(),
            region: "global".into(),
            present: true,
            minimum_length: 14,
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: true,
            reuse_prevention: Some(24),
            ..Default::default()
        };
        assert!(failing(&CHECK, vec![strong.clone().into()]).is_empty());
        let short = PasswordPolicy {
            minimum_length: 8,
            ..strong.clone()
        };
        let out = outcome(&CHECK, vec![short.into()]);
        assert_eq!(out.failures()[0].evidence(), "minimum length 8");
        let none = PasswordPolicy {
            present: false,
            ..strong
        };
        assert_eq!(failing(&CHECK, vec![none.into()]).len(), 1);
    }
}
