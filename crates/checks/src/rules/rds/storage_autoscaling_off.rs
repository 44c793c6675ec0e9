//! Databases whose storage cannot grow by itself: sized up front for the largest day (storage
//! provisioned and powered that holds nothing yet), or left to fill up and stop taking writes.
//! Aurora's storage grows on its own and is not judged.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.storage_autoscaling_off",
        pillar: Pillar::Sustainability,
        related: &[Pillar::Reliability, Pillar::CostOptimization],
        best_practice: "SUS04-BP04",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "RDS storage autoscaling is off",
        action: "Turn on storage autoscaling with a ceiling",
        remediation: "Set a maximum storage threshold so RDS adds storage as the data grows, instead of provisioning it all up front. Console: RDS > Databases > {id} > Modify > Storage autoscaling. CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --max-allocated-storage 1000 --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        if db.engine.starts_with("aurora") || db.storage_type == "aurora" {
            continue;
        }
        let grows = db
            .max_allocated_storage_gib
            .is_some_and(|max| max > db.allocated_storage_gib);
        out.record(resource, grows, || {
            format!(
                "{} GiB of {} fixed: no storage autoscaling",
                db.allocated_storage_gib, db.storage_type
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn flags_fixed_storage_but_not_aurora() {
        let fails = failing(
            &CHECK,
            vec![
                rds_instance("fixed", |_| {}),
                rds_instance("grows", |d| d.max_allocated_storage_gib = Some(1000)),
                rds_instance("at-ceiling", |d| d.max_allocated_storage_gib = Some(100)),
                rds_instance("aurora-1", |d| {
                    d.engine = "aurora-postgresql".into();
                    d.storage_type = "aurora".into();
                }),
            ],
        );
        assert_eq!(fails, ["fixed", "at-ceiling"]);
    }
}
