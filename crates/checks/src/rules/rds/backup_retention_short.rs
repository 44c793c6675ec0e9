//! RDS instances with automated backups off or kept too briefly.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.backup_retention_short",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL09-BP03",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Strengthens,
        title: "RDS automated backups are off or kept too briefly",
        action: "Keep RDS automated backups for at least a week",
        remediation: "Set the backup retention period to at least the configured minimum (7 days by default) and \
            cover the database with an AWS Backup plan. Console: RDS > Databases > {id} > Modify > Backup. CLI: aws \
            rds modify-db-instance --region {region} --db-instance-identifier {id} --backup-retention-period 7 \
            --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let minimum = ctx.config.thresholds.backup_min_days;
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        if db.cluster_id.is_some() {
            continue;
        }
        out.record(resource, db.backup_retention_days >= minimum, || {
            match db.backup_retention_days {
                0 => "automated backups are turned off".to_string(),
                days => format!("backups kept {}; minimum is {minimum}", crate::days(days)),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::RdsInstance;

    use super::*;
    use crate::testing::outcome;

    #[test]
    fn flags_off_and_short_retention() {
        let db = |id: &str, days| -> Resource {
            RdsInstance {
                id: id.into(),
                backup_retention_days: days,
                ..Default::default()
            }
            .into()
        };
        let out = outcome(
            &CHECK,
            vec![db("off", 0), db("short", 1), db("week", 7), db("month", 35)],
        );
        let evidence: Vec<(&str, &str)> = out
            .failures()
            .iter()
            .map(|f| (f.resource_id(), f.evidence()))
            .collect();
        assert_eq!(
            evidence,
            [
                ("off", "automated backups are turned off"),
                ("short", "backups kept 1 day; minimum is 7")
            ]
        );
    }
}
