//! MySQL and PostgreSQL databases (RDS and Aurora) on a major version past its standard support:
//! RDS enrols them in Extended Support, billed per vCPU hour on top of the instance, and they
//! miss the engine's performance work of every later major version.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.engine_extended_support",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::CostOptimization, Pillar::Security],
        best_practice: "PERF05-BP06",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "RDS database on an engine version past standard support",
        action: "Upgrade to a major version in standard support",
        remediation: "Test the application on the next major version (a blue/green deployment keeps the old database until the switch), then upgrade. Console: RDS > Databases > {id} > Modify > DB engine version, or Actions > Create Blue/Green Deployment. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --engine-version NEW_VERSION --allow-major-version-upgrade --apply-immediately",
    },
    evaluate,
};

/// A major version: `(8, 0)` for MySQL 8.0, `(13, 0)` for PostgreSQL 13.
type Major = (u32, u32);

/// The last day of RDS standard support, by engine and major version (AWS's release calendars
/// as of 2026-11). Within an engine, a version newer than its last row is in standard support
/// and one older than its first is long past it.
const STANDARD_SUPPORT_ENDS: &[(&str, Major, (i32, u32, u32))] = &[
    ("mysql", (5, 7), (2024, 2, 29)),
    ("mysql", (8, 0), (2026, 7, 31)),
    ("postgres", (11, 0), (2024, 2, 29)),
    ("postgres", (12, 0), (2025, 2, 28)),
    ("postgres", (13, 0), (2026, 2, 28)),
    ("postgres", (14, 0), (2027, 2, 28)),
    ("aurora-mysql", (5, 7), (2024, 10, 31)),
    ("aurora-postgresql", (11, 0), (2024, 2, 29)),
    ("aurora-postgresql", (12, 0), (2025, 2, 28)),
    ("aurora-postgresql", (13, 0), (2026, 2, 28)),
    ("aurora-postgresql", (14, 0), (2027, 2, 28)),
];

/// The major version as the calendars number it: two parts for MySQL (`8.0.39`,
/// `5.7.mysql_aurora.2.11.2`), one for PostgreSQL (`13.15`).
fn major(engine: &str, version: &str) -> Option<Major> {
    let mut parts = version.split('.');
    let first = parts.next()?.parse().ok()?;
    if engine.contains("mysql") {
        Some((first, parts.next()?.parse().ok()?))
    } else {
        Some((first, 0))
    }
}

/// When standard support for this major version of the engine ended or ends; `None` for a
/// version newer than the calendar's last row, or an engine it does not cover.
fn support_ends(engine: &str, major: Major) -> Option<chrono::NaiveDate> {
    let rows: Vec<_> = STANDARD_SUPPORT_ENDS
        .iter()
        .filter(|(e, _, _)| *e == engine)
        .collect();
    let first = rows.first()?;
    let (y, m, d) = match rows.iter().find(|(_, v, _)| *v == major) {
        Some((_, _, date)) => *date,
        None if major < first.1 => first.2,
        None => return None,
    };
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let today = ctx.inventory.scanned_at.date_naive();
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        if !STANDARD_SUPPORT_ENDS
            .iter()
            .any(|(engine, _, _)| *engine == db.engine)
        {
            continue;
        }
        // A version string that is not the engine's numbering says nothing either way.
        let Some(major) = major(&db.engine, &db.engine_version) else {
            out.skip(resource);
            continue;
        };
        match support_ends(&db.engine, major) {
            Some(end) if end < today => out.fail(
                resource,
                format!(
                    "{} {} left standard support on {end}: Extended Support is billed per vCPU hour until it is upgraded",
                    db.engine, db.engine_version
                ),
            ),
            _ => out.pass(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn db(id: &str, engine: &str, version: &str) -> Resource {
        rds_instance(id, |d| {
            d.engine = engine.into();
            d.engine_version = version.into();
        })
    }

    #[test]
    fn flags_major_versions_past_standard_support_on_the_scan_date() {
        // The scan is taken on 2026-11-01.
        let fails = failing(
            &CHECK,
            vec![
                db("mysql57", "mysql", "5.7.44"),
                db("mysql80", "mysql", "8.0.39"),
                db("mysql84", "mysql", "8.4.3"),
                db("pg12", "postgres", "12.22"),
                db("pg14", "postgres", "14.15"),
                db("pg96", "postgres", "9.6.24"),
                db("pg17", "postgres", "17.2"),
                db("aurora2", "aurora-mysql", "5.7.mysql_aurora.2.11.2"),
                db("aurora3", "aurora-mysql", "8.0.mysql_aurora.3.08.0"),
                db("apg13", "aurora-postgresql", "13.16"),
                db("apg16", "aurora-postgresql", "16.4"),
            ],
        );
        assert_eq!(
            fails,
            ["mysql57", "mysql80", "pg12", "pg96", "aurora2", "apg13"]
        );
    }

    #[test]
    fn engines_without_a_calendar_and_unreadable_versions_are_left_alone() {
        let out = outcome(
            &CHECK,
            vec![
                db("maria", "mariadb", "10.4.34"),
                db("odd", "postgres", "preview"),
            ],
        );
        assert!(out.failures().is_empty());
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 1));
    }
}
