//! Roles whose trust policy lets any AWS principal assume them.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.role_trusts_any_principal",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP09",
        reads: &["iam:GetAccountAuthorizationDetails"],
        facts: &[],
        severity: Severity::Critical,
        fix: FixEffect::Neutral,
        title: "Role can be assumed by anyone",
        action: "Restrict role trust to named accounts or services",
        remediation: "Edit the trust policy to name the accounts, roles or services that need it (with an ExternalId for third parties). Console: IAM > Roles > {id} > Trust relationships > Edit trust policy. CLI: aws iam update-assume-role-policy --role-name {id} --policy-document file://trust.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, role) in ctx.each(Resource::as_iam_role) {
        let open = role
            .trust_principals
            .iter()
            .any(|p| p == "*" || p == "arn:aws:iam::*:root");
        out.record(resource, !open, || {
            "the trust policy allows principal \"*\"".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::IamRole;

    #[test]
    fn flags_roles_trusting_everyone() {
        let role = |id: &str, p: &str| -> Resource {
            IamRole {
                id: id.into(),
                region: "global".into(),
                trust_principals: vec![p.into()],
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                role("open", "*"),
                role("lambda", "lambda.amazonaws.com"),
                role("partner", "arn:aws:iam::111122223333:root"),
            ],
        );
        assert_eq!(fails, ["open"]);
    }
}
