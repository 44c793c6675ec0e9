//! The demo account's ElastiCache: the session store in us-east-1 as it should be, the rates
//! cache left on Redis OSS 5 on one old node, the Irish cart store in one zone without TLS, and
//! a Memcached page cache.

use super::*;

impl Gen {
    pub(super) fn caches(&mut self) {
        let base = ElasticacheCluster {
            replication_group: true,
            engine: "redis".into(),
            engine_version: "7.1.0".into(),
            node_type: "cache.r7g.large".into(),
            nodes: 2,
            status: "available".into(),
            automatic_failover: true,
            multi_az: true,
            at_rest_encryption: true,
            transit_encryption: true,
            snapshot_retention_days: 7,
            ..Default::default()
        };
        let group = |region: &str, id: &str| ElasticacheCluster {
            id: id.into(),
            arn: arn("elasticache", region, &format!("replicationgroup:{id}")),
            region: region.into(),
            tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
            ..base.clone()
        };
        let lone = |region: &str, id: &str| ElasticacheCluster {
            arn: arn("elasticache", region, &format!("cluster:{id}")),
            replication_group: false,
            automatic_failover: false,
            multi_az: false,
            nodes: 1,
            ..group(region, id)
        };
        let caches = [
            group("us-east-1", "kumo-sessions"),
            ElasticacheCluster {
                engine_version: "5.0.6".into(),
                node_type: "cache.r4.large".into(),
                at_rest_encryption: false,
                transit_encryption: false,
                snapshot_retention_days: 0,
                ..lone("us-east-1", "kumo-rates")
            },
            ElasticacheCluster {
                engine: "valkey".into(),
                engine_version: "8.0.1".into(),
                node_type: "cache.m5.large".into(),
                multi_az: false,
                transit_encryption: false,
                ..group("eu-west-1", "kumo-eu-carts")
            },
            ElasticacheCluster {
                engine: "memcached".into(),
                engine_version: "1.6.22".into(),
                node_type: "cache.t3.medium".into(),
                nodes: 3,
                at_rest_encryption: false,
                snapshot_retention_days: 0,
                ..lone("us-east-1", "kumo-pages")
            },
        ];
        self.resources.extend(caches.into_iter().map(Into::into));
    }
}
