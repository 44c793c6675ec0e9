//! Classic Load Balancers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassicLoadBalancer {
    /// The load balancer's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    pub availability_zones: Vec<String>,
    pub listeners: Vec<ClassicListener>,
    pub access_logs: bool,
    pub cross_zone: bool,
    pub connection_draining: bool,
    /// Instances registered behind it.
    pub instances: u32,
    /// Of them, those in service.
    pub healthy_instances: u32,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassicListener {
    /// `HTTP`, `HTTPS`, `TCP` or `SSL`.
    pub protocol: String,
    pub port: i32,
    /// The predefined security policy an HTTPS or SSL listener negotiates with, e.g.
    /// `ELBSecurityPolicy-TLS-1-2-2017-01`; `None` for plain listeners or a custom policy.
    pub tls_policy: Option<String>,
}
