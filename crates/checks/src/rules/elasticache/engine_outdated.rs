//! Redis OSS caches on versions 4 and 5, past ElastiCache's standard support: they get no new
//! patches, and extended support is billed on top of the nodes.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elasticache.engine_outdated",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security, Pillar::CostOptimization],
        best_practice: "OPS05-BP05",
        reads: &["elasticache:DescribeCacheClusters"],
        facts: &[Fact::EngineVersion],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ElastiCache cache runs an engine version past standard support",
        action: "Upgrade to Redis OSS 7 or Valkey",
        remediation: "Upgrade the engine in place to Redis OSS 7.1, or to Valkey, in a maintenance window after testing clients against it. Console: ElastiCache > caches > {id} > Modify > Engine version. CLI: aws elasticache modify-replication-group --region {region} --replication-group-id {id} --engine-version 7.1 --apply-immediately",
    },
    evaluate,
};

/// Redis OSS major versions still in standard support begin here.
const SUPPORTED_MAJOR: u32 = 6;

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_elasticache_cluster) {
        if c.engine != "redis" {
            continue;
        }
        if out.unknown(resource, &[Fact::EngineVersion]) {
            continue;
        }
        let Some(major) = c
            .engine_version
            .split('.')
            .next()
            .and_then(|m| m.parse::<u32>().ok())
        else {
            continue;
        };
        out.record(resource, major >= SUPPORTED_MAJOR, || {
            format!("Redis OSS {} is past standard support", c.engine_version)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elasticache::cache;

    #[test]
    fn flags_redis_before_six_and_skips_unread_versions() {
        let old = cache("sessions", |c| c.engine_version = "5.0.6".into());
        let current = cache("carts", |_| {});
        let unread = cache("rates", |c| {
            c.engine_version = String::new();
            c.unknown.mark(Fact::EngineVersion);
        });
        let outcome = crate::testing::outcome(&CHECK, vec![old, current, unread]);
        let failed: Vec<&str> = outcome.failures().iter().map(|f| f.resource_id()).collect();
        assert_eq!(failed, ["sessions"]);
        assert_eq!((outcome.evaluated(), outcome.not_evaluated()), (2, 1));
    }
}
