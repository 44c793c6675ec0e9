//! ElastiCache: a lone Redis OSS 5 cache on a previous-generation x86 node, unencrypted, without
//! snapshots or failover, beside a Redis OSS 7 replication group on Graviton with all of them.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["elasticache"],
    cases: &[
        (
            "elasticache.encryption_at_rest_off",
            "us-east-1/old-cache",
            Some("us-east-1/safe-group"),
        ),
        (
            "elasticache.transit_encryption_off",
            "us-east-1/old-cache",
            Some("us-east-1/safe-group"),
        ),
        (
            "elasticache.no_automatic_failover",
            "us-east-1/old-cache",
            Some("us-east-1/safe-group"),
        ),
        (
            "elasticache.previous_generation_node",
            "us-east-1/old-cache",
            Some("us-east-1/safe-group"),
        ),
        (
            "elasticache.snapshots_off",
            "us-east-1/old-cache",
            Some("us-east-1/safe-group"),
        ),
        (
            "elasticache.engine_outdated",
            "us-east-1/old-cache",
            Some("us-east-1/safe-group"),
        ),
        (
            "elasticache.graviton_candidate",
            "us-east-1/old-cache",
            Some("us-east-1/safe-group"),
        ),
    ],
    actions: &[
        "elasticache:DescribeCacheClusters",
        "elasticache:DescribeReplicationGroups",
        "elasticache:ListTagsForResource",
    ],
};

async fn seed(account: &Account) {
    let cache = aws_sdk_elasticache::Client::new(&account.east);
    cache
        .create_cache_cluster()
        .cache_cluster_id("old-cache")
        .engine("redis")
        .engine_version("5.0.6")
        .cache_node_type("cache.r4.large")
        .num_cache_nodes(1)
        .snapshot_retention_limit(0)
        .send()
        .await
        .expect("cache cluster");
    cache
        .create_replication_group()
        .replication_group_id("safe-group")
        .replication_group_description("sessions")
        .engine("redis")
        .engine_version("7.1")
        .cache_node_type("cache.r7g.large")
        .num_cache_clusters(2)
        .automatic_failover_enabled(true)
        .multi_az_enabled(true)
        .at_rest_encryption_enabled(true)
        .transit_encryption_enabled(true)
        .snapshot_retention_limit(7)
        .send()
        .await
        .expect("replication group");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn elasticache() {
    let account = Account::start().await;
    seed(&account).await;
    let scanned = account.prove(&PROOF).await;
    // The group's version comes from its member clusters, so its engine check judged it.
    let version = scanned
        .inventory
        .resources
        .iter()
        .filter_map(|r| r.as_elasticache_cluster())
        .find(|c| c.id == "safe-group")
        .map(|c| c.engine_version.clone());
    assert!(
        version.as_deref().is_some_and(|v| v.starts_with("7.")),
        "{version:?}"
    );
}
