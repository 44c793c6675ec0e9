//! ElastiCache caches that talk to their clients, and replicate, in clear text.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elasticache.transit_encryption_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP02",
        reads: &[
            "elasticache:DescribeReplicationGroups",
            "elasticache:DescribeCacheClusters",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ElastiCache traffic is not encrypted in transit",
        action: "Turn on encryption in transit",
        remediation: "Turn on in-transit encryption in preferred mode, move every client to TLS, then switch the mode to required. Console: ElastiCache > caches > {id} > Modify > Security > Encryption in transit. CLI: aws elasticache modify-replication-group --region {region} --replication-group-id {id} --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_elasticache_cluster) {
        out.record(resource, c.transit_encryption, || {
            format!("{} clients and replicas connect without TLS", c.engine)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elasticache::cache;
    use crate::testing::failing;

    #[test]
    fn flags_caches_without_tls() {
        let plain = cache("sessions", |c| c.transit_encryption = false);
        let tls = cache("carts", |_| {});
        assert_eq!(failing(&CHECK, vec![plain, tls]), ["sessions"]);
    }
}
