//! Stand-alone RDS instances in one Availability Zone.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.instance_single_az",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL10-BP01",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "RDS instance runs in a single Availability Zone",
        action: "Turn on Multi-AZ for production databases",
        remediation: "Convert the instance to a Multi-AZ deployment (applied with a brief failover at the next \
            maintenance window or immediately). Console: RDS > Databases > {id} > Modify > Availability & durability. \
            CLI: aws rds modify-db-instance --region {region} --db-instance-identifier {id} --multi-az \
            --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        // Cluster members (Aurora) get their availability from the cluster.
        if db.cluster_id.is_some() {
            continue;
        }
        out.record(resource, db.multi_az, || {
            format!(
                "{} {} on {} in {} only",
                db.engine, db.engine_version, db.class, db.availability_zone
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::RdsInstance;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_single_az_instances_outside_clusters() {
        let db = |id: &str, multi_az, cluster: Option<&str>| -> Resource {
            RdsInstance {
                id: id.into(),
                multi_az,
                cluster_id: cluster.map(String::from),
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                db("single", false, None),
                db("multi", true, None),
                db("aurora-1", false, Some("aurora")),
            ],
        );
        assert_eq!(fails, ["single"]);
    }
}
