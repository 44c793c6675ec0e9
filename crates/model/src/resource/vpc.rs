//! Networks: security groups with their ingress rules, VPCs, Elastic IPs and NAT gateways.

use serde::{Deserialize, Serialize};

use super::{MetricStats, Tags};
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IngressRule {
    /// `tcp`, `udp`, `icmp`, ... or `-1` for all protocols.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub ipv4_ranges: Vec<String>,
    pub ipv6_ranges: Vec<String>,
    pub source_group_ids: Vec<String>,
}

impl IngressRule {
    /// True when the rule admits the whole internet (`0.0.0.0/0` or `::/0`).
    pub fn open_to_world(&self) -> bool {
        self.ipv4_ranges.iter().any(|r| r == "0.0.0.0/0")
            || self.ipv6_ranges.iter().any(|r| r == "::/0")
    }

    /// True when the rule covers `port` over TCP (or all protocols).
    pub fn covers_tcp_port(&self, port: i32) -> bool {
        match self.protocol.as_str() {
            "-1" | "all" => true,
            "tcp" | "6" => match (self.from_port, self.to_port) {
                (Some(from), Some(to)) => from <= port && port <= to,
                _ => true,
            },
            _ => false,
        }
    }

    /// True when the rule admits every protocol and port.
    pub fn all_traffic(&self) -> bool {
        matches!(self.protocol.as_str(), "-1" | "all")
            || (self.protocol == "tcp" && self.from_port == Some(0) && self.to_port == Some(65535))
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityGroup {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub name: String,
    pub description: String,
    pub vpc_id: Option<String>,
    pub ingress: Vec<IngressRule>,
    /// Whether any network interface uses the group.
    pub in_use: bool,
}

impl SecurityGroup {
    /// The VPC's default group, which every VPC has and cannot delete.
    pub fn is_default(&self) -> bool {
        self.name == "default"
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Vpc {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub cidr_block: String,
    pub is_default: bool,
    pub flow_logs_enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ElasticIp {
    /// The allocation id.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub public_ip: String,
    pub association_id: Option<String>,
    pub instance_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NatGateway {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub vpc_id: String,
    pub subnet_id: String,
    /// `available`, `pending`, `deleted`, ...
    pub state: String,
    /// 14-day bytes sent out to destinations, per day.
    pub bytes_out: Option<MetricStats>,
}
