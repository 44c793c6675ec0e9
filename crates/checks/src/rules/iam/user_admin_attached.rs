//! Users with the AWS-managed `AdministratorAccess` policy attached directly: standing full
//! access held by one long-lived identity, outside any group or role that would show it.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.user_admin_attached",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP02",
        reads: &["iam:GetAccountAuthorizationDetails"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "IAM user has AdministratorAccess attached directly",
        action: "Detach AdministratorAccess from the user; grant admin through a role assumed when needed",
        remediation: "Detach the policy from the user and give administrators a role (or an IAM Identity Center \
            permission set) they assume for the task, with MFA; keep standing permissions least-privilege. \
            Console: IAM > Users > {id} > Permissions > Remove. CLI: aws iam detach-user-policy --user-name {id} \
            --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
    },
    evaluate,
};

/// True for `arn:<partition>:iam::aws:policy/AdministratorAccess` in any partition.
pub(crate) fn is_administrator_access(arn: &str) -> bool {
    arn.starts_with("arn:") && arn.ends_with(":iam::aws:policy/AdministratorAccess")
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, user) in ctx.each(Resource::as_iam_user) {
        let admin = user
            .attached_policy_arns
            .iter()
            .any(|a| is_administrator_access(a));
        out.record(resource, !admin, || {
            "the AWS-managed AdministratorAccess policy is attached to the user itself".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::IamUser;

    use super::*;
    use crate::testing::failing;

    fn user(id: &str, policies: &[&str]) -> Resource {
        IamUser {
            id: id.into(),
            region: "global".into(),
            attached_policy_arns: policies.iter().map(|p| p.to_string()).collect(),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_administrator_access_attached_to_a_user_in_any_partition() {
        let fails = failing(
            &CHECK,
            vec![
                user("alice", &["arn:aws:iam::aws:policy/AdministratorAccess"]),
                user(
                    "gov",
                    &["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"],
                ),
                user("reader", &["arn:aws:iam::aws:policy/ReadOnlyAccess"]),
                // A customer policy of the same name is iam.policy_admin_star's to judge.
                user(
                    "lookalike",
                    &["arn:aws:iam::123456789012:policy/AdministratorAccess"],
                ),
                user("none", &[]),
            ],
        );
        assert_eq!(fails, ["alice", "gov"]);
    }
}
