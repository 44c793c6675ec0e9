//! Security Hub in a region, whether enabled.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

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
