//! Regions that keep data in databases and file systems and no AWS Backup plan assigns any of
//! it (no plan, or plans whose resource assignments select none of them): what is backed up
//! there depends on each service's own settings, with no schedule or retention anyone set on
//! purpose. A region whose plans could not be listed has no `BackupPlans`
//! record, only its coverage gap, and is not judged; nor is a region with no plan whose
//! data-store listings failed, for what it stores is then unknown.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "backup.region_without_plan",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL09-BP03",
        reads: &[
            "backup:ListBackupPlans",
            "backup:ListBackupSelections",
            "backup:GetBackupSelection",
            "rds:DescribeDBInstances",
            "dynamodb:ListTables",
            "elasticfilesystem:DescribeFileSystems",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "Region stores data that no AWS Backup plan protects",
        action: "Back up the region's data stores with an AWS Backup plan",
        remediation: "Create a backup plan with the schedule and retention the recovery objectives need, and \
            assign the region's databases and file systems to it (by tag). Console: AWS Backup > Backup plans > \
            Create (region {region}). CLI: aws backup create-backup-plan --region {region} --backup-plan \
            file://plan.json && aws backup create-backup-selection --region {region} --backup-plan-id PLAN_ID \
            --backup-selection file://selection.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, plans) in ctx.each(Resource::as_backup_plans) {
        let mut stores = [0usize; 3];
        let mut protected = Some(0usize);
        for r in ctx
            .inventory
            .resources
            .iter()
            .filter(|r| r.region() == plans.region)
        {
            match r {
                Resource::RdsInstance(_) | Resource::RdsCluster(_) => stores[0] += 1,
                Resource::DynamodbTable(_) => stores[1] += 1,
                Resource::EfsFileSystem(_) => stores[2] += 1,
                _ => continue,
            }
            protected = match (protected, super::protected(Some(plans), r)) {
                (Some(n), Some(covered)) => Some(n + usize::from(covered)),
                _ => None,
            };
        }
        if stores.iter().all(|n| *n == 0) {
            if plans.plans == 0 && stores_unread(ctx, &plans.region) {
                out.skip(resource);
            }
            continue;
        }
        let Some(protected) = protected else {
            // The plans exist; what they assign could not be read.
            out.skip(resource);
            continue;
        };
        out.record(resource, protected > 0, || {
            let named: Vec<String> = ["RDS database(s)", "DynamoDB table(s)", "EFS file system(s)"]
                .iter()
                .zip(stores)
                .filter(|(_, n)| *n > 0)
                .map(|(what, n)| format!("{n} {what}"))
                .collect();
            let plans = match plans.plans {
                0 => "no backup plan".to_string(),
                1 => "1 backup plan, which assigns none of them".to_string(),
                n => format!("{n} backup plans, none of which assigns any of them"),
            };
            format!("{} in {}, {plans}", named.join(", "), resource.region())
        });
    }
}

/// The data-store listings whose failure leaves what a region stores unknown.
const STORE_LISTINGS: [(&str, &str); 4] = [
    ("rds", "DescribeDBInstances"),
    ("rds", "DescribeDBClusters"),
    ("dynamodb", "ListTables"),
    ("efs", "DescribeFileSystems"),
];

fn stores_unread(ctx: &Context<'_>, region: &str) -> bool {
    STORE_LISTINGS
        .iter()
        .any(|(service, operation)| ctx.unread(region, service, operation))
}

#[cfg(test)]
mod tests {
    use wellscan_model::{BackupPlans, DynamodbTable};

    use super::*;
    use crate::rules::backup::selecting;
    use crate::testing::{failing, inventory, outcome, rds_instance, run, with_gap};

    fn plans(region: &str, plans: u32) -> Resource {
        plans_with(region, plans, Some(Vec::new()))
    }

    fn plans_with(
        region: &str,
        plans: u32,
        selections: Option<Vec<wellscan_model::BackupSelection>>,
    ) -> Resource {
        BackupPlans {
            id: format!("backup-plans-{region}"),
            region: region.into(),
            plans,
            selections,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_regions_with_data_and_no_plan() {
        let table = DynamodbTable {
            id: "orders".into(),
            region: "eu-west-1".into(),
            ..Default::default()
        };
        let db = rds_instance("shop-db", |d| d.region = "us-east-1".into());
        let resources = vec![
            plans("eu-west-1", 0),
            plans_with("us-east-1", 2, Some(vec![selecting(&["*"])])),
            plans("ap-south-1", 0),
            table.into(),
            db,
        ];
        assert_eq!(failing(&CHECK, resources), ["backup-plans-eu-west-1"]);
    }

    #[test]
    fn plans_that_assign_none_of_the_regions_data_protect_nothing() {
        let db = rds_instance("shop-db", |d| {
            d.arn = "arn:aws:rds:us-east-1:111122223333:db:shop-db".into()
        });
        let only_tables = |region: &str| {
            plans_with(
                region,
                2,
                Some(vec![selecting(&["arn:aws:dynamodb:*:*:table/*"])]),
            )
        };
        let run = outcome(&CHECK, vec![only_tables("us-east-1"), db.clone()]);
        let evidence: Vec<_> = run.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(
            evidence,
            ["1 RDS database(s) in us-east-1, 2 backup plans, none of which assigns any of them"]
        );
        let every_db = plans_with(
            "us-east-1",
            1,
            Some(vec![selecting(&["arn:aws:rds:*:*:db:*"])]),
        );
        assert!(failing(&CHECK, vec![every_db, db.clone()]).is_empty());
        // What the plans assign could not be read: not judged.
        let unread = plans_with("us-east-1", 1, None);
        let run = outcome(&CHECK, vec![unread, db]);
        assert_eq!((run.evaluated(), run.not_evaluated()), (0, 1));
    }

    #[test]
    fn a_region_whose_data_stores_could_not_be_listed_is_not_evaluated() {
        for (service, operation) in STORE_LISTINGS {
            let inventory = with_gap(
                inventory(vec![plans("eu-west-1", 0)]),
                "eu-west-1",
                service,
                operation,
            );
            let out = run(&CHECK, &inventory);
            assert_eq!(
                (out.evaluated(), out.not_evaluated()),
                (0, 1),
                "{service} {operation}"
            );
        }
        // A whole unit lost to the deadline too.
        let inventory = with_gap(
            inventory(vec![plans("eu-west-1", 0)]),
            "eu-west-1",
            "rds",
            "*",
        );
        assert_eq!(run(&CHECK, &inventory).not_evaluated(), 1);
    }
}
