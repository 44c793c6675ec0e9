//! RDS instances and Aurora clusters.

use serde::{Deserialize, Serialize};

use super::{MetricStats, Tags};
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RdsInstance {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub class: String,
    pub engine: String,
    pub engine_version: String,
    pub status: String,
    pub cluster_id: Option<String>,
    pub availability_zone: String,
    pub multi_az: bool,
    pub storage_encrypted: bool,
    pub publicly_accessible: bool,
    pub backup_retention_days: u32,
    pub deletion_protection: bool,
    pub auto_minor_version_upgrade: bool,
    pub storage_type: String,
    pub allocated_storage_gib: u32,
    /// The ceiling storage autoscaling may grow to; `None` when storage autoscaling is off.
    pub max_allocated_storage_gib: Option<u32>,
    pub performance_insights: bool,
    pub enhanced_monitoring: bool,
    /// 14-day CPU utilisation, percent.
    pub cpu: Option<MetricStats>,
    /// 14-day database connections.
    pub connections: Option<MetricStats>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RdsCluster {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub engine: String,
    pub engine_version: String,
    pub status: String,
    pub multi_az: bool,
    pub storage_encrypted: bool,
    pub backup_retention_days: u32,
    pub deletion_protection: bool,
    pub member_ids: Vec<String>,
}
