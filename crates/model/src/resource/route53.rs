//! Route 53: hosted zones, with whether a public zone signs its answers (DNSSEC) and logs its
//! queries, and the failover records that route to a primary without anything checking its
//! health.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HostedZone {
    /// The zone id without its `/hostedzone/` prefix (`Z0123456789ABCDEFGHIJ`).
    pub id: String,
    pub arn: String,
    /// Always `global`.
    pub region: String,
    pub tags: Tags,
    /// `tags`, `dnssec`, `query_logging` or `failover_records` when their call failed.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// The domain, with its trailing dot (`example.com.`).
    pub name: String,
    /// Answers only inside the VPCs it is associated with.
    pub private: bool,
    pub record_count: u64,
    /// DNSSEC's `ServeSignature` (`SIGNING`, `NOT_SIGNING`, `DELETING`, ...); public zones only.
    pub dnssec: Option<String>,
    /// Queries are logged to CloudWatch Logs; public zones only.
    pub query_logging: bool,
    /// The zone's failover records, with the health check each has (if any).
    pub failover_records: Vec<FailoverRecord>,
}

/// A record of a failover routing policy: Route 53 answers with the primary while it is
/// healthy, with the secondary otherwise.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FailoverRecord {
    /// The record's name (`api.example.com.`).
    pub name: String,
    /// The record type (`A`, `CNAME`, ...).
    pub record_type: String,
    /// `PRIMARY` or `SECONDARY`.
    pub failover: String,
    /// The health check Route 53 consults for it.
    pub health_check_id: Option<String>,
    /// An alias record that takes its health from its target (`EvaluateTargetHealth`).
    pub evaluates_target_health: bool,
}

impl FailoverRecord {
    /// Route 53 can tell whether this record is healthy: it has a health check, or it is an
    /// alias that evaluates its target's health. Without either it is always healthy, so a
    /// primary never fails over.
    pub fn health_checked(&self) -> bool {
        self.health_check_id.is_some() || self.evaluates_target_health
    }
}
