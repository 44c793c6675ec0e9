//! EC2 Auto Scaling groups.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AutoscalingGroup {
    /// The group's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub availability_zones: Vec<String>,
    /// `EC2` or `ELB`.
    pub health_check_type: String,
    /// Target groups and classic load balancers the group registers its instances with.
    pub load_balancers: u32,
    pub min_size: i32,
    pub max_size: i32,
    pub desired_capacity: i32,
    pub instances: u32,
    /// The launch template's name, when the group launches from one.
    pub launch_template: Option<String>,
    /// The launch configuration's name, when the group still uses one.
    pub launch_configuration: Option<String>,
    /// The instances it launches require IMDSv2; `None` when their launch settings could not be
    /// read.
    pub imds_v2_required: Option<bool>,
    /// Scaling policies attached to the group.
    pub scaling_policies: u32,
    pub created_at: Option<DateTime<Utc>>,
}
