//! Redis OSS and Valkey caches that do not fail over on their own: a lone node, or a
//! replication group without automatic failover or with every node in one zone.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elasticache.no_automatic_failover",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL11-BP02",
        reads: &[
            "elasticache:DescribeReplicationGroups",
            "elasticache:DescribeCacheClusters",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "ElastiCache cache does not fail over automatically",
        action: "Add a replica in another zone with Multi-AZ and automatic failover",
        remediation: "Add at least one replica in another Availability Zone and turn on Multi-AZ with automatic failover, so a replica is promoted when the primary fails. Console: ElastiCache > Redis OSS caches > {id} > Modify > Multi-AZ. CLI: aws elasticache modify-replication-group --region {region} --replication-group-id {id} --automatic-failover-enabled --multi-az-enabled --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_elasticache_cluster) {
        if c.engine == "memcached" {
            continue;
        }
        let fails_over = c.replication_group && c.automatic_failover && c.multi_az;
        out.record(resource, fails_over, || {
            match (c.replication_group, c.automatic_failover) {
                (false, _) => "a single cache cluster: losing its node loses the cache".to_string(),
                (true, false) => format!("{} node(s) without automatic failover", c.nodes),
                (true, true) => {
                    "automatic failover on, Multi-AZ off: replicas may share the primary's zone"
                        .to_string()
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elasticache::cache;
    use crate::testing::failing;

    #[test]
    fn flags_caches_that_do_not_fail_over() {
        let lone = cache("sessions", |c| c.replication_group = false);
        let manual = cache("carts", |c| c.automatic_failover = false);
        let one_zone = cache("rates", |c| c.multi_az = false);
        let safe = cache("quotes", |_| {});
        let memcached = cache("pages", |c| {
            c.engine = "memcached".into();
            c.replication_group = false;
        });
        assert_eq!(
            failing(&CHECK, vec![lone, manual, one_zone, safe, memcached]),
            ["sessions", "carts", "rates"]
        );
    }
}
