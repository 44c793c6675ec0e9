//! Regions whose backup plans keep every recovery point in the Region (and account) they were
//! taken in: the backups fail with what they protect, when the Region is impaired or the
//! account compromised, and a disaster-recovery plan has nothing to restore elsewhere. A plan
//! copies out when any rule's copy action names a vault in another Region or account.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "backup.no_cross_region_copy",
        pillar: Pillar::Reliability,
        related: &[Pillar::Security],
        best_practice: "REL13-BP02",
        reads: &["backup:ListBackupPlans", "backup:GetBackupPlan"],
        facts: &[Fact::CopyDestinations],
        severity: Severity::Low,
        fix: FixEffect::Strengthens,
        title: "Backups are not copied out of the Region",
        action: "Copy recovery points to another Region or account",
        remediation: "Add a copy action to the plan's rules that sends each recovery point to a vault in the recovery Region (or a separate backup account), with its own retention. Console: AWS Backup > Backup plans > (plan) > (rule) > Edit > Copy to destination. CLI: aws backup get-backup-plan --region {region} --backup-plan-id PLAN_ID > plan.json && aws backup update-backup-plan --region {region} --backup-plan-id PLAN_ID --backup-plan file://plan.json",
    },
    evaluate,
};

/// The Region and account of a vault ARN (`arn:aws:backup:eu-west-1:123456789012:backup-vault:x`).
fn home(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.split(':');
    let region = parts.nth(3)?;
    let account = parts.next()?;
    Some((region, account))
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let account = ctx.inventory.account_id.as_str();
    for (resource, plans) in ctx.each(Resource::as_backup_plans) {
        if plans.plans == 0 {
            continue;
        }
        if out.unknown(resource, &[Fact::CopyDestinations]) {
            continue;
        }
        // An inventory from before wellscan read the rules.
        let Some(destinations) = &plans.copy_destinations else {
            out.skip(resource);
            continue;
        };
        let away = destinations
            .iter()
            .filter_map(|d| home(d))
            .any(|(r, a)| r != plans.region || a != account);
        out.record(resource, away, || {
            if destinations.is_empty() {
                format!("{} plan(s), none copying recovery points", plans.plans)
            } else {
                format!("{} plan(s) copy only within {}", plans.plans, plans.region)
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::BackupPlans;

    use super::*;
    use crate::testing::*;

    fn plans(region: &str, copies: Option<&[&str]>) -> Resource {
        BackupPlans {
            id: "backup-plans".into(),
            region: region.into(),
            plans: 2,
            copy_destinations: copies.map(|c| c.iter().map(|d| d.to_string()).collect()),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_regions_whose_plans_copy_nowhere_or_only_within_the_region() {
        let vault = |region: &str, account: &str| {
            format!("arn:aws:backup:{region}:{account}:backup-vault:dr")
        };
        let (east, west) = (
            vault("us-east-1", "123456789012"),
            vault("us-west-2", "123456789012"),
        );
        let other_account = vault("us-east-1", "210987654321");
        let fails = failing(
            &CHECK,
            vec![
                plans("us-east-1", Some(&[])),
                plans("eu-west-1", Some(&[east.as_str()])),
                plans("us-east-2", Some(&[west.as_str()])),
                plans("ap-south-1", Some(&[other_account.as_str()])),
            ],
        );
        // `failing` names the record by its id, the same in every Region: count instead.
        assert_eq!(fails.len(), 1);
        let out = outcome(&CHECK, vec![plans("us-east-1", Some(&[east.as_str()]))]);
        let evidence: Vec<&str> = out.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(evidence, ["2 plan(s) copy only within us-east-1"]);
    }

    #[test]
    fn unread_rules_and_regions_without_plans_are_not_judged() {
        let mut unread = plans("us-east-1", None);
        if let Resource::BackupPlans(p) = &mut unread {
            p.unknown.mark(Fact::CopyDestinations);
        }
        let mut empty = plans("us-west-2", Some(&[]));
        if let Resource::BackupPlans(p) = &mut empty {
            p.plans = 0;
        }
        let out = outcome(&CHECK, vec![unread, empty, plans("eu-west-1", None)]);
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 2));
    }
}
