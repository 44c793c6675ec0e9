//! ElastiCache: replication groups (Redis OSS, Valkey) and the cache clusters outside one
//! (Memcached, single-node Redis), as one kind.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ElasticacheCluster {
    /// The replication group's id, or the cache cluster's.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// A replication group (primary and replicas), not a lone cache cluster.
    pub replication_group: bool,
    /// `redis`, `valkey` or `memcached`.
    pub engine: String,
    /// e.g. `7.1.0`; a replication group's is its first member's.
    pub engine_version: String,
    /// e.g. `cache.r7g.large`.
    pub node_type: String,
    /// Nodes (a cache cluster) or member clusters (a replication group).
    pub nodes: u32,
    pub status: String,
    /// A replica is promoted when the primary fails.
    pub automatic_failover: bool,
    /// Replicas are kept in other Availability Zones.
    pub multi_az: bool,
    pub at_rest_encryption: bool,
    pub transit_encryption: bool,
    /// Days automatic snapshots are kept; 0 when none are taken.
    pub snapshot_retention_days: u32,
}
