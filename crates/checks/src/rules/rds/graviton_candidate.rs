//! Databases on x86 classes with a Graviton equivalent.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.graviton_candidate",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization, Pillar::PerformanceEfficiency],
        best_practice: "SUS05-BP02",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "RDS instance could run on Graviton",
        action: "Move databases to Graviton (g) classes",
        remediation: "Modify the instance to the Graviton class of the same size (same engine versions are supported for MySQL, PostgreSQL and MariaDB). Console: RDS > Databases > {id} > Modify > Instance configuration. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --db-instance-class db.m7g.large",
    },
    evaluate,
};

/// x86 DB families and their Graviton counterparts.
const EQUIVALENT: &[(&str, &str)] = &[
    ("t3", "t4g"),
    ("m5", "m7g"),
    ("m6i", "m7g"),
    ("r5", "r7g"),
    ("r6i", "r7g"),
    ("m4", "m7g"),
    ("r4", "r7g"),
];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        let supported = [
            "mysql",
            "postgres",
            "mariadb",
            "aurora-mysql",
            "aurora-postgresql",
        ]
        .contains(&db.engine.as_str());
        if !supported {
            continue;
        }
        let family = db
            .class
            .trim_start_matches("db.")
            .split('.')
            .next()
            .unwrap_or_default();
        match EQUIVALENT.iter().find(|(x86, _)| *x86 == family) {
            Some((_, arm)) => out.fail(
                resource,
                format!("{} ({}) could run as db.{arm}", db.class, db.engine),
            ),
            None => out.pass(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn flags_x86_classes_of_supported_engines() {
        let fails = failing(
            &CHECK,
            vec![
                rds_instance("x86", |_| {}),
                rds_instance("arm", |d| d.class = "db.m6g.large".into()),
                rds_instance("oracle", |d| d.engine = "oracle-ee".into()),
            ],
        );
        assert_eq!(fails, ["x86"]);
    }
}
