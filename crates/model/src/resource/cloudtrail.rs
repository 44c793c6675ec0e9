//! CloudTrail trails.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudtrailTrail {
    /// The trail name.
    pub id: String,
    pub arn: String,
    /// The trail's home region.
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub multi_region: bool,
    pub organization_trail: bool,
    /// Whether the trail is delivering events now.
    pub logging: bool,
    pub log_file_validation: bool,
    pub kms_key_id: Option<String>,
    pub s3_bucket: Option<String>,
}
