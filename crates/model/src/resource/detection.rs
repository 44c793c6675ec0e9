//! The account's detective services in a region: GuardDuty, Security Hub and AWS Config. One
//! resource of each per region whose state was read, so "off" is a fact, not an absence.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Guardduty {
    /// The detector id, or `guardduty` when the region has none.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Always empty: the resource exists only when the detectors were listed.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// A detector exists and is `ENABLED`.
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityHub {
    /// Always `securityhub`.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Always empty: the resource exists only when the hub's state was read.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfigRecorder {
    /// The recorder's name, or `config` when the region has none.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// A recorder exists.
    pub exists: bool,
    /// The recorder is recording now.
    pub recording: bool,
    /// It records every supported resource type.
    pub all_supported: bool,
}
