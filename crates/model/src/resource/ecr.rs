//! ECR repositories.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EcrRepository {
    /// The repository's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// The repository's own scan-on-push setting.
    pub scan_on_push: bool,
    /// How the region's registry scanning configuration scans this repository, when one of
    /// its rules covers it: `BASIC SCAN_ON_PUSH`, `ENHANCED CONTINUOUS_SCAN`, ...
    pub registry_scan: Option<String>,
    /// Image tags cannot be overwritten (`IMMUTABLE`).
    pub tags_immutable: bool,
    pub lifecycle_policy: bool,
    /// `AES256` or `KMS`.
    pub encryption: String,
    pub created_at: Option<DateTime<Utc>>,
}
