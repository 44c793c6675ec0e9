//! Elastic Load Balancing: application, network and gateway load balancers (ELBv2).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadBalancer {
    /// The load balancer's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `application`, `network` or `gateway`.
    pub lb_type: String,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    pub availability_zones: Vec<String>,
    pub listeners: Vec<Listener>,
    /// Access logs delivered to S3 (`access_logs.s3.enabled`).
    pub access_logs: bool,
    pub deletion_protection: bool,
    /// Cross-zone load balancing (always on for application load balancers).
    pub cross_zone: bool,
    /// Application load balancers: requests with invalid header fields are dropped.
    pub drop_invalid_headers: bool,
    pub target_groups: Vec<TargetGroupHealth>,
    pub created_at: Option<DateTime<Utc>>,
}

impl LoadBalancer {
    pub fn internet_facing(&self) -> bool {
        self.scheme == "internet-facing"
    }

    /// Registered targets over every target group.
    pub fn targets(&self) -> u32 {
        self.target_groups.iter().map(|g| g.targets).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Listener {
    pub port: u16,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`.
    pub protocol: String,
    /// The security policy of an HTTPS or TLS listener, e.g. `ELBSecurityPolicy-TLS13-1-2-2021-06`.
    pub ssl_policy: Option<String>,
    /// The default action redirects to HTTPS.
    pub redirects_to_https: bool,
    /// What the default action finally does: `forward`, `redirect` or `fixed-response` (after
    /// any `authenticate-*` step); `None` in inventories that did not record it.
    pub default_action: Option<String>,
}

impl Listener {
    /// The listener answers every request itself, by a redirect or a fixed response, so the
    /// load balancer works without targets.
    pub fn answers_itself(&self) -> Option<bool> {
        self.default_action
            .as_deref()
            .map(|a| matches!(a, "redirect" | "fixed-response"))
    }

    /// The listener terminates TLS.
    pub fn encrypted(&self) -> bool {
        matches!(self.protocol.as_str(), "HTTPS" | "TLS")
    }
}

/// One target group behind a load balancer, with the health of its targets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetGroupHealth {
    pub name: String,
    pub targets: u32,
    pub healthy: u32,
    /// Targets that are down: judged `unhealthy` by a health check, or `unused` because the
    /// instance is stopped or terminated (`Target.InvalidState`); not `unavailable` (no health
    /// check ran), `initial`, `draining` or `unused` for another reason. `None` in inventories
    /// that did not record it.
    pub unhealthy: Option<u32>,
    /// The group's health checks are on (`HealthCheckEnabled`; off by default for Lambda
    /// targets, whose state is then `unavailable`); `None` in inventories that did not record it.
    pub health_checks: Option<bool>,
}
