//! Databases one API call can delete.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.deletion_protection_off",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL09-BP01",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "RDS deletion protection is off",
        action: "Turn on deletion protection for databases that hold data",
        remediation: "Turn on deletion protection. Console: RDS > Databases > {id} > Modify > Deletion protection. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --deletion-protection --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        if db.cluster_id.is_some() {
            continue;
        }
        out.record(resource, db.deletion_protection, || {
            format!(
                "{} {} can be deleted without first turning protection off",
                db.engine, db.class
            )
        });
    }
    for (resource, c) in ctx.each(Resource::as_rds_cluster) {
        out.record(resource, c.deletion_protection, || {
            format!(
                "{} cluster can be deleted without first turning protection off",
                c.engine
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn flags_unprotected_databases() {
        let fails = failing(
            &CHECK,
            vec![
                rds_instance("bare", |_| {}),
                rds_instance("safe", |d| d.deletion_protection = true),
            ],
        );
        assert_eq!(fails, ["bare"]);
    }
}
