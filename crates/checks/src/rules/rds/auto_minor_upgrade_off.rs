//! Databases that do not take minor engine patches automatically.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.auto_minor_upgrade_off",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security],
        best_practice: "OPS05-BP05",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "RDS auto minor version upgrade is off",
        action: "Turn on automatic minor version upgrades",
        remediation: "Let RDS apply minor engine versions in the maintenance window. Console: RDS > Databases > {id} > Modify > Maintenance > Auto minor version upgrade. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --auto-minor-version-upgrade",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        out.record(resource, db.auto_minor_version_upgrade, || {
            format!(
                "{} {} is patched only by hand",
                db.engine, db.engine_version
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn flags_instances_without_auto_upgrade() {
        let fails = failing(
            &CHECK,
            vec![
                rds_instance("manual", |_| {}),
                rds_instance("auto", |d| d.auto_minor_version_upgrade = true),
            ],
        );
        assert_eq!(fails, ["manual"]);
    }
}
