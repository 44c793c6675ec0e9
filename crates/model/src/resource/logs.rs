//! CloudWatch Logs log groups.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LogGroup {
    /// The log group name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `None` when events never expire.
    pub retention_days: Option<u32>,
    pub kms_key_id: Option<String>,
    pub stored_bytes: u64,
    pub created_at: Option<DateTime<Utc>>,
}
