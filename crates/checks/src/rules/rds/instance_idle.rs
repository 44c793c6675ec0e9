//! Databases nobody connected to in two weeks.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.instance_idle",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP03",
        reads: &["rds:DescribeDBInstances", "cloudwatch:GetMetricData"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Reduces,
        title: "RDS instance is idle",
        action: "Snapshot and delete (or stop) databases nobody uses",
        remediation: "Confirm with the owner, take a final snapshot and delete the instance, or stop it while deciding. Console: RDS > Databases > {id} > Actions > Delete (create final snapshot). CLI: aws rds delete-db-instance --region {region} --db-instance-identifier {id} --final-db-snapshot-identifier {id}-final",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        let (Some(conns), "available") = (db.connections, db.status.as_str()) else {
            continue;
        };
        if conns.maximum <= 0.0 {
            let savings = ctx.prices.rds_monthly(
                &db.class,
                db.multi_az,
                &db.storage_type,
                db.allocated_storage_gib,
                &db.region,
            );
            out.fail_with_savings(
                resource,
                format!(
                    "no connections in {} on a running {} {}",
                    crate::days(conns.days),
                    db.engine,
                    db.class
                ),
                savings,
            );
        } else {
            out.pass();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::MetricStats;

    #[test]
    fn flags_running_databases_without_connections_with_their_cost() {
        let conns = |max: f64| {
            Some(MetricStats {
                average: max / 2.0,
                maximum: max,
                days: 14,
            })
        };
        let fails = failing(
            &CHECK,
            vec![
                rds_instance("idle", |d| d.connections = conns(0.0)),
                rds_instance("used", |d| d.connections = conns(12.0)),
                rds_instance("unknown", |_| {}),
            ],
        );
        assert_eq!(fails, ["idle"]);
        let out = outcome(
            &CHECK,
            vec![rds_instance("idle", |d| d.connections = conns(0.0))],
        );
        // db.m5.large: 0.171 × 730 + 100 GiB × 0.115.
        assert_eq!(out.failures()[0].monthly_savings_usd(), Some(136.33));
    }
}
