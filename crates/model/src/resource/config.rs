//! The AWS Config recorder of a region.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

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
