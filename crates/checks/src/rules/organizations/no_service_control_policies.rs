//! Organisations with no service control policy of their own: every account may do whatever
//! its own IAM allows (leave the organisation, turn off CloudTrail or GuardDuty, use any
//! Region), so one over-broad role anywhere is unbounded. An organisation on consolidated
//! billing alone cannot have SCPs at all. Only the management account and a delegated
//! administrator can list the policies; from any other account they are unknown.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "organizations.no_service_control_policies",
        pillar: Pillar::Security,
        related: &[Pillar::CostOptimization],
        best_practice: "SEC03-BP05",
        reads: &[
            "organizations:DescribeOrganization",
            "organizations:ListPolicies",
        ],
        facts: &[Fact::ServiceControlPolicies],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Organisation has no service control policies",
        action: "Set guardrails with service control policies",
        remediation: "Enable all features if the organisation has only consolidated billing, then attach SCPs that deny what no account should do: leaving the organisation, stopping CloudTrail, GuardDuty or Config, using Regions the company does not operate in. Console: AWS Organizations > Policies > Service control policies > Create policy. CLI: aws organizations create-policy --type SERVICE_CONTROL_POLICY --name guardrails --description 'Organisation guardrails' --content file://guardrails.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, o) in ctx.each(Resource::as_organization) {
        if !o.member {
            continue;
        }
        if o.feature_set == "CONSOLIDATED_BILLING" {
            out.fail(
                resource,
                "consolidated billing only: the organisation cannot have service control policies",
            );
            continue;
        }
        if out.unknown(resource, &[Fact::ServiceControlPolicies]) {
            continue;
        }
        out.record(resource, !o.service_control_policies.is_empty(), || {
            "no service control policy besides FullAWSAccess".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::organizations::organization;
    use crate::testing::*;

    #[test]
    fn flags_organisations_without_their_own_scps_or_without_all_features() {
        let bare = organization(|o| o.service_control_policies.clear());
        assert_eq!(failing(&CHECK, vec![bare]), ["123456789012"]);
        let billing = organization(|o| {
            o.feature_set = "CONSOLIDATED_BILLING".into();
            o.service_control_policies.clear();
            o.unknown.mark(Fact::ServiceControlPolicies);
        });
        assert_eq!(failing(&CHECK, vec![billing]), ["123456789012"]);
        assert!(failing(&CHECK, vec![organization(|_| {})]).is_empty());
    }

    #[test]
    fn a_member_that_cannot_list_policies_and_a_standalone_account_are_not_judged() {
        let member = organization(|o| {
            o.service_control_policies.clear();
            o.unknown.mark(Fact::ServiceControlPolicies);
        });
        let alone = organization(|o| {
            o.member = false;
            o.feature_set.clear();
        });
        let out = outcome(&CHECK, vec![member, alone]);
        assert!(out.failures().is_empty());
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 1));
    }
}
