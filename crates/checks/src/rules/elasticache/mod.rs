pub mod encryption_at_rest_off;
pub mod engine_outdated;
pub mod graviton_candidate;
pub mod no_automatic_failover;
pub mod previous_generation_node;
pub mod snapshots_off;
pub mod transit_encryption_off;

/// A Redis OSS 7 replication group on Graviton: two nodes across zones with automatic failover,
/// encrypted at rest and in transit, snapshots kept a week; `f` makes it what a test needs.
#[cfg(test)]
pub(crate) fn cache(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::ElasticacheCluster),
) -> wellscan_model::Resource {
    let mut c = wellscan_model::ElasticacheCluster {
        id: id.into(),
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
    f(&mut c);
    c.into()
}
