//! DB instances on previous-generation classes.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.previous_generation_class",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::CostOptimization, Pillar::Sustainability],
        best_practice: "PERF02-BP01",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "RDS instance class is previous generation",
        action: "Move databases to current-generation classes",
        remediation: "Modify the instance to a current-generation class (m6g/m7g, r6g/r7g, t4g) in the next maintenance window. Console: RDS > Databases > {id} > Modify > Instance configuration. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --db-instance-class db.m7g.large",
    },
    evaluate,
};

/// DB instance families AWS lists as previous generation.
const PREVIOUS: &[&str] = &["t1", "t2", "m1", "m2", "m3", "m4", "r3", "r4"];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        let family = db
            .class
            .trim_start_matches("db.")
            .split('.')
            .next()
            .unwrap_or_default();
        out.record(resource, !PREVIOUS.contains(&family), || {
            format!(
                "class {} is of the previous-generation {family} family",
                db.class
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn flags_previous_generation_classes() {
        let fails = failing(
            &CHECK,
            vec![
                rds_instance("old", |d| d.class = "db.m4.large".into()),
                rds_instance("t2", |d| d.class = "db.t2.medium".into()),
                rds_instance("new", |_| {}),
            ],
        );
        assert_eq!(fails, ["old", "t2"]);
    }
}
