//! Groups with members that grant full administrator access: through AdministratorAccess, a
//! customer-managed policy or an inline policy allowing every action on every resource. Who is
//! an administrator is then decided by group membership, which the user pages do not show.

use std::collections::HashMap;

use wellscan_model::{GLOBAL_REGION, Pillar, Resource, Severity};

use super::policy_admin_star::grants_everything;
use super::user_admin_attached::is_administrator_access;
use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.group_grants_admin",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP02",
        reads: &["iam:GetAccountAuthorizationDetails"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "IAM group gives its members full administrator access",
        action: "Replace standing admin group membership with a role assumed when needed",
        remediation: "Review the members, remove those who do not need standing full access, and give \
            administrators a role or IAM Identity Center permission set they assume with MFA. Console: IAM > \
            User groups > {id} > Users / Permissions. CLI: aws iam get-group --group-name {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    // A partial listing may have lost members or the policies the group points at.
    let partial = ctx.unread(GLOBAL_REGION, "iam", "GetAccountAuthorizationDetails");
    let customer: HashMap<&str, &serde_json::Value> = ctx
        .each(Resource::as_iam_policy)
        .map(|(_, p)| (p.arn.as_str(), &p.document))
        .collect();
    for (resource, group) in ctx.each(Resource::as_iam_group) {
        if partial {
            out.skip(resource);
            continue;
        }
        let mut how: Vec<String> = Vec::new();
        for arn in &group.attached_policy_arns {
            if is_administrator_access(arn) {
                how.push("AdministratorAccess".into());
            } else if customer
                .get(arn.as_str())
                .is_some_and(|d| grants_everything(d))
            {
                let name = arn.rsplit('/').next().unwrap_or(arn);
                how.push(format!("policy {name} (* on *)"));
            }
        }
        for (name, document) in &group.inline_policies {
            if grants_everything(document) {
                how.push(format!("inline policy {name} (* on *)"));
            }
        }
        if group.members.is_empty() {
            out.pass();
            continue;
        }
        out.record(resource, how.is_empty(), || {
            let shown: Vec<&str> = group.members.iter().take(5).map(String::as_str).collect();
            let more = group.members.len().saturating_sub(shown.len());
            format!(
                "grants full access through {} to {}: {}{}",
                how.join(", "),
                wellscan_model::count(group.members.len(), "member", "members"),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use wellscan_model::{CoverageGap, IamGroup, IamPolicy, Inventory};

    use super::*;
    use crate::testing::{failing, now, outcome};

    fn group(
        id: &str,
        attached: &[&str],
        inline: Option<serde_json::Value>,
        members: &[&str],
    ) -> Resource {
        IamGroup {
            id: id.into(),
            region: "global".into(),
            attached_policy_arns: attached.iter().map(|a| a.to_string()).collect(),
            inline_policies: inline
                .into_iter()
                .map(|d| ("inline".to_string(), d))
                .collect(),
            members: members.iter().map(|m| m.to_string()).collect(),
            ..Default::default()
        }
        .into()
    }

    fn everything() -> serde_json::Value {
        json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    }

    fn resources() -> Vec<Resource> {
        let custom_admin = "arn:aws:iam::123456789012:policy/break-glass";
        vec![
            IamPolicy {
                id: "break-glass".into(),
                arn: custom_admin.into(),
                region: "global".into(),
                document: everything(),
                ..Default::default()
            }
            .into(),
            group(
                "admins",
                &["arn:aws:iam::aws:policy/AdministratorAccess"],
                None,
                &["alice", "bob"],
            ),
            group("ops", &[custom_admin], None, &["carol"]),
            group("inline-admins", &[], Some(everything()), &["dave"]),
            group(
                "readers",
                &["arn:aws:iam::aws:policy/ReadOnlyAccess"],
                None,
                &["erin"],
            ),
            group(
                "empty-admins",
                &["arn:aws:iam::aws:policy/AdministratorAccess"],
                None,
                &[],
            ),
        ]
    }

    #[test]
    fn flags_groups_whose_members_hold_full_access_by_any_route() {
        assert_eq!(
            failing(&CHECK, resources()),
            ["admins", "ops", "inline-admins"]
        );
        let out = outcome(&CHECK, resources());
        assert_eq!(out.evaluated(), 5);
        assert_eq!(
            out.failures()[0].evidence(),
            "grants full access through AdministratorAccess to 2 members: alice, bob"
        );
        assert_eq!(
            out.failures()[1].evidence(),
            "grants full access through policy break-glass (* on *) to 1 member: carol"
        );
    }

    #[test]
    fn a_partial_listing_judges_no_group() {
        let mut inventory = Inventory::new("123456789012", "aws", now());
        inventory.resources = resources();
        inventory.coverage_gaps.push(CoverageGap {
            region: "global".into(),
            service: "iam".into(),
            operation: "GetAccountAuthorizationDetails".into(),
            error: "throttled".into(),
        });
        let config = crate::Config::default();
        let ctx = Context::new(&inventory, &config, crate::prices::PriceTable::embedded());
        let mut out = Outcome::default();
        evaluate(&ctx, &mut out);
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 5));
    }
}
