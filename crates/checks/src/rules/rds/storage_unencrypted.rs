//! RDS instances and clusters whose storage is not encrypted.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds.storage_unencrypted",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &["rds:DescribeDBInstances"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "RDS storage is not encrypted",
        action: "Encrypt database storage (restore an encrypted copy)",
        remediation: "Encryption cannot be turned on in place: snapshot the database, copy the snapshot with a KMS key, restore from the encrypted copy and switch clients over. Console: RDS > Snapshots > Copy snapshot > Enable encryption. CLI: aws rds copy-db-snapshot --region {region} --source-db-snapshot-identifier SNAP --target-db-snapshot-identifier SNAP-encrypted --kms-key-id alias/aws/rds",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, db) in ctx.each(Resource::as_rds_instance) {
        // Cluster members share the cluster's storage, judged below.
        if db.cluster_id.is_some() {
            continue;
        }
        out.record(resource, db.storage_encrypted, || {
            format!(
                "{} {} with {} GiB of unencrypted {} storage",
                db.engine, db.class, db.allocated_storage_gib, db.storage_type
            )
        });
    }
    for (resource, c) in ctx.each(Resource::as_rds_cluster) {
        out.record(resource, c.storage_encrypted, || {
            format!("{} cluster storage is not encrypted", c.engine)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{RdsCluster, RdsInstance};

    #[test]
    fn flags_unencrypted_instances_and_clusters_not_their_members() {
        let db = |id: &str, encrypted: bool, cluster: Option<&str>| -> Resource {
            RdsInstance {
                id: id.into(),
                region: "us-east-1".into(),
                storage_encrypted: encrypted,
                cluster_id: cluster.map(String::from),
                ..Default::default()
            }
            .into()
        };
        let cluster: Resource = RdsCluster {
            id: "aurora-1".into(),
            region: "us-east-1".into(),
            ..Default::default()
        }
        .into();
        let fails = failing(
            &CHECK,
            vec![
                db("plain", false, None),
                db("safe", true, None),
                db("member", false, Some("aurora-1")),
                cluster,
            ],
        );
        assert_eq!(fails, ["plain", "aurora-1"]);
    }
}
