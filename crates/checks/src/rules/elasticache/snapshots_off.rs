//! Redis OSS and Valkey caches without automatic snapshots: a cache that holds data no other
//! store keeps (sessions, queues, leaderboards) cannot be restored.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elasticache.snapshots_off",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL09-BP01",
        reads: &[
            "elasticache:DescribeReplicationGroups",
            "elasticache:DescribeCacheClusters",
        ],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Strengthens,
        title: "ElastiCache cache takes no automatic snapshots",
        action: "Keep automatic snapshots",
        remediation: "Set a snapshot retention of at least a day (a week for data kept nowhere else), and a snapshot window outside peak hours. Console: ElastiCache > caches > {id} > Modify > Backup. CLI: aws elasticache modify-replication-group --region {region} --replication-group-id {id} --snapshot-retention-limit 7 --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_elasticache_cluster) {
        if c.engine == "memcached" {
            continue;
        }
        out.record(resource, c.snapshot_retention_days > 0, || {
            "automatic snapshots are off (retention 0 days)".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elasticache::cache;
    use crate::testing::failing;

    #[test]
    fn flags_caches_without_snapshots() {
        let none = cache("sessions", |c| c.snapshot_retention_days = 0);
        let kept = cache("carts", |_| {});
        assert_eq!(failing(&CHECK, vec![none, kept]), ["sessions"]);
    }
}
