//! Databases without Performance Insights.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.performance_insights_off",
        pillar: Pillar::PerformanceEfficiency,
        related: &[],
        best_practice: "PERF03-BP03",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "RDS Performance Insights is off",
        action: "Turn on Performance Insights (7 days are free)",
        remediation: "Turn on Performance Insights to see load by wait, SQL and host. Console: RDS > Databases > {id} > Modify > Monitoring > Performance Insights. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --enable-performance-insights --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        // The smallest burstable classes do not support it.
        if db.class.ends_with(".micro") || db.class.ends_with(".small") {
            continue;
        }
        out.record(resource, db.performance_insights, || {
            format!("{} {} has no Performance Insights", db.engine, db.class)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn flags_supported_classes_without_insights() {
        let fails = failing(
            &CHECK,
            vec![
                rds_instance("blind", |_| {}),
                rds_instance("seen", |d| d.performance_insights = true),
                rds_instance("tiny", |d| d.class = "db.t3.micro".into()),
            ],
        );
        assert_eq!(fails, ["blind"]);
    }
}
