//! Accounts that belong to no organisation: billed on their own (no consolidated billing,
//! shared volume pricing, Savings Plans or Reserved Instances shared across accounts), with
//! nothing above them to set guardrails, and no place in an account structure that separates
//! workloads and environments.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "organizations.standalone_account",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Security],
        best_practice: "COST02-BP03",
        reads: &["organizations:DescribeOrganization"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Account is not part of an AWS organisation",
        action: "Bring the account into an organisation",
        remediation: "Create an organisation from a new management account that runs no workloads (or join the company's), then invite this account; consolidated billing and shared Savings Plans follow. Console: AWS Organizations > Create an organization, or accept the invitation under Invitations; the invitation is sent from the management account. CLI: aws organizations invite-account-to-organization --target Id=ACCOUNT_ID,Type=ACCOUNT",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, o) in ctx.each(Resource::as_organization) {
        out.record(resource, o.member, || {
            format!(
                "account {} belongs to no organisation: billed alone, with no guardrails above it",
                ctx.inventory.account_id
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::organizations::organization;
    use crate::testing::*;

    #[test]
    fn flags_an_account_in_no_organisation() {
        let alone = organization(|o| {
            o.member = false;
            o.organization_id = None;
        });
        assert_eq!(failing(&CHECK, vec![alone]), ["123456789012"]);
        assert!(failing(&CHECK, vec![organization(|_| {})]).is_empty());
    }
}
