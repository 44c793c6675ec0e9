//! EC2 instances.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{MetricStats, Tags};
use crate::Unknown;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstanceState {
    Pending,
    #[default]
    Running,
    Stopping,
    Stopped,
    ShuttingDown,
    Terminated,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Ec2Instance {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub instance_type: String,
    pub state: InstanceState,
    /// When the instance entered its current state, where AWS reports it.
    pub state_since: Option<DateTime<Utc>>,
    pub launch_time: Option<DateTime<Utc>>,
    pub availability_zone: String,
    /// `x86_64`, `arm64`, `i386`, ...
    pub architecture: String,
    /// `windows` or `None` for Linux/UNIX.
    pub platform: Option<String>,
    pub public_ip: Option<String>,
    /// True when the instance metadata service requires session tokens (IMDSv2 only).
    pub imds_v2_required: bool,
    pub detailed_monitoring: bool,
    pub iam_instance_profile: Option<String>,
    pub vpc_id: Option<String>,
    pub volume_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
    /// 14-day CPU utilisation, percent.
    pub cpu: Option<MetricStats>,
}
