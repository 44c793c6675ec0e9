//! Production databases without Enhanced Monitoring: CloudWatch's instance metrics stop at the
//! hypervisor, so when a database is slow nobody can tell whether its CPU, memory, swap or disk
//! queue is the bottleneck.

use wellscan_model::{Pillar, Resource, Severity};

use crate::rules::is_production;
use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.enhanced_monitoring_off",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::OperationalExcellence],
        best_practice: "PERF05-BP02",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Production RDS database without Enhanced Monitoring",
        action: "Turn on Enhanced Monitoring at 60 s or finer",
        remediation: "Turn on Enhanced Monitoring to see the database host's processes, memory, swap and disk queue every minute or less (it needs a monitoring role; the console creates one). Console: RDS > Databases > {id} > Modify > Monitoring > Enhanced Monitoring. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --monitoring-interval 60 --monitoring-role-arn arn:aws:iam::ACCOUNT:role/rds-monitoring-role --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        // Outside production the operating-system view is rarely worth its log ingestion.
        if !is_production(resource) {
            continue;
        }
        out.record(resource, db.enhanced_monitoring, || {
            format!(
                "production {} {} reports host metrics only at the hypervisor",
                db.engine, db.class
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn prod(d: &mut wellscan_model::RdsInstance) {
        d.tags.insert("Environment".into(), "Production".into());
    }

    #[test]
    fn flags_production_databases_without_enhanced_monitoring() {
        let fails = failing(
            &CHECK,
            vec![
                rds_instance("orders", prod),
                rds_instance("billing", |d| {
                    prod(d);
                    d.enhanced_monitoring = true;
                }),
                rds_instance("scratch", |_| {}),
            ],
        );
        assert_eq!(fails, ["orders"]);
    }
}
