//! GuardDuty in a region: one resource per region whose detectors were listed, so "off" is a fact.

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
