//! EKS clusters and their managed node groups.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EksCluster {
    /// The cluster's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `ACTIVE`, `CREATING`, `UPDATING`, ...
    pub status: String,
    /// The Kubernetes version, e.g. `1.31`.
    pub version: String,
    /// The API server answers on a public endpoint.
    pub endpoint_public: bool,
    /// Who may reach the public endpoint (`0.0.0.0/0` by default).
    pub public_access_cidrs: Vec<String>,
    pub endpoint_private: bool,
    /// Control-plane log types sent to CloudWatch Logs: `api`, `audit`, `authenticator`, ...
    pub log_types: Vec<String>,
    /// The customer managed KMS key that envelope-encrypts the cluster's Kubernetes API data
    /// (secrets among it); `None` when only EKS's own key does.
    pub kms_key: Option<String>,
    /// `STANDARD` or `EXTENDED`: what the cluster moves to when its version leaves standard
    /// support.
    pub support_type: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EksNodegroup {
    /// `cluster/nodegroup`: a node group's name is unique only within its cluster.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub cluster: String,
    pub name: String,
    pub status: String,
    /// `AL2023_x86_64_STANDARD`, `AL2023_ARM_64_STANDARD`, `BOTTLEROCKET_x86_64`, `CUSTOM`, ...
    pub ami_type: String,
    pub instance_types: Vec<String>,
    /// `ON_DEMAND` or `SPOT`.
    pub capacity_type: String,
    pub min_size: u32,
    pub max_size: u32,
    pub desired_size: u32,
}
