//! Regions that keep data in databases and file systems and have no AWS Backup plan: what is
//! backed up there depends on each service's own settings, with no schedule or retention
//! anyone set on purpose. A region whose plans could not be listed has no `BackupPlans`
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
            "rds:DescribeDBInstances",
            "dynamodb:ListTables",
            "elasticfilesystem:DescribeFileSystems",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "Region stores data and has no AWS Backup plan",
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
                _ => {}
            }
        }
        if stores.iter().all(|n| *n == 0) {
            if plans.plans == 0 && stores_unread(ctx, &plans.region) {
                out.skip(resource);
            }
            continue;
        }
        out.record(resource, plans.plans > 0, || {
            let named: Vec<String> = ["RDS database(s)", "DynamoDB table(s)", "EFS file system(s)"]
                .iter()
                .zip(stores)
                .filter(|(_, n)| *n > 0)
                .map(|(what, n)| format!("{n} {what}"))
                .collect();
            format!("{} in {}, no backup plan", named.join(", "), plans.region)
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
    use crate::testing::{failing, inventory, rds_instance, run, with_gap};

    fn plans(region: &str, plans: u32) -> Resource {
        BackupPlans {
            id: format!("backup-plans-{region}"),
            region: region.into(),
            plans,
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
            plans("us-east-1", 2),
            plans("ap-south-1", 0),
            table.into(),
            db,
        ];
        assert_eq!(failing(&CHECK, resources), ["backup-plans-eu-west-1"]);
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
