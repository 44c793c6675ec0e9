//! ElastiCache caches on x86 node families that have a Graviton equivalent: the same cache for
//! less energy and money, with no client change.

use wellscan_model::{Pillar, Resource, Severity};

use crate::rules::ec2::graviton_candidate::GRAVITON_EQUIVALENT;
use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elasticache.graviton_candidate",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS05-BP02",
        reads: &[
            "elasticache:DescribeReplicationGroups",
            "elasticache:DescribeCacheClusters",
        ],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "ElastiCache cache could run on Graviton",
        action: "Move to a Graviton node type",
        remediation: "Change the node type to the Graviton family of the same size (cache.r5 → cache.r7g, cache.m5 → cache.m7g, cache.t3 → cache.t4g); clients see the same endpoint. Console: ElastiCache > caches > {id} > Modify > Node type. CLI: aws elasticache modify-replication-group --region {region} --replication-group-id {id} --cache-node-type cache.r7g.large --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_elasticache_cluster) {
        let mut parts = c.node_type.split('.').skip(1);
        let (Some(family), Some(size)) = (parts.next(), parts.next()) else {
            continue;
        };
        let arm = GRAVITON_EQUIVALENT
            .iter()
            .find(|(x86, _)| *x86 == family)
            .map(|(_, arm)| format!("cache.{arm}.{size}"));
        out.record(resource, arm.is_none(), || {
            format!(
                "{} could run as {}",
                c.node_type,
                arm.clone().unwrap_or_default()
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
    fn flags_x86_nodes_with_an_arm_equivalent() {
        let x86 = cache("sessions", |c| c.node_type = "cache.r5.large".into());
        let arm = cache("carts", |_| {});
        assert_eq!(failing(&CHECK, vec![x86, arm]), ["sessions"]);
    }
}
