//! Redis OSS and Valkey caches whose data, snapshots and swap are stored unencrypted.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elasticache.encryption_at_rest_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &[
            "elasticache:DescribeReplicationGroups",
            "elasticache:DescribeCacheClusters",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ElastiCache data is not encrypted at rest",
        action: "Move the data to a cache encrypted at rest",
        remediation: "Encryption at rest is set when a cache is created: take a snapshot, restore it into a new replication group with at-rest encryption (and a customer managed key if you need one), move clients to it and delete the old one. Console: ElastiCache > Redis OSS caches > {id} > Actions > Backup. CLI: aws elasticache create-snapshot --region {region} --replication-group-id {id} --snapshot-name {id}-before-encryption",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_elasticache_cluster) {
        // Memcached keeps nothing on disk.
        if c.engine == "memcached" {
            continue;
        }
        out.record(resource, c.at_rest_encryption, || {
            format!(
                "{} {} on {} stores its data unencrypted",
                c.engine, c.engine_version, c.node_type
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elasticache::cache;
    use crate::testing::failing;

    #[test]
    fn flags_redis_and_valkey_without_encryption_at_rest() {
        let plain = cache("sessions", |c| c.at_rest_encryption = false);
        let sealed = cache("carts", |_| {});
        let memcached = cache("pages", |c| {
            c.engine = "memcached".into();
            c.at_rest_encryption = false;
        });
        assert_eq!(
            failing(&CHECK, vec![plain, sealed, memcached]),
            ["sessions"]
        );
    }
}
