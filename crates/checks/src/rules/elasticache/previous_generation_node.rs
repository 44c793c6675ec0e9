//! ElastiCache caches on previous-generation node types: less memory bandwidth and network for
//! more money than their successors.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elasticache.previous_generation_node",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::CostOptimization],
        best_practice: "PERF03-BP02",
        reads: &[
            "elasticache:DescribeReplicationGroups",
            "elasticache:DescribeCacheClusters",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ElastiCache cache runs on a previous-generation node type",
        action: "Move to a current-generation node type",
        remediation: "Change the node type to the current generation of the same family (cache.r4 → cache.r7g, cache.m4 → cache.m7g, cache.t2 → cache.t4g); ElastiCache replaces the nodes one at a time. Console: ElastiCache > caches > {id} > Modify > Node type. CLI: aws elasticache modify-replication-group --region {region} --replication-group-id {id} --cache-node-type cache.r7g.large --apply-immediately",
    },
    evaluate,
};

/// Node families AWS lists as previous generation.
const PREVIOUS_GENERATION: &[&str] = &["m1", "m2", "m3", "m4", "c1", "r3", "r4", "t1", "t2"];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_elasticache_cluster) {
        let family = c.node_type.split('.').nth(1).unwrap_or_default();
        out.record(resource, !PREVIOUS_GENERATION.contains(&family), || {
            format!(
                "{} is of the previous-generation {family} family",
                c.node_type
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
    fn flags_previous_generation_node_types() {
        let old = cache("sessions", |c| c.node_type = "cache.r4.large".into());
        let burst = cache("dev", |c| c.node_type = "cache.t2.micro".into());
        let current = cache("carts", |_| {});
        assert_eq!(
            failing(&CHECK, vec![old, burst, current]),
            ["sessions", "dev"]
        );
    }
}
