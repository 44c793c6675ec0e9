//! Secrets Manager secrets (never their values).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

/// A secret's metadata; its value is never read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Secret {
    /// The secret's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub rotation_enabled: bool,
    pub last_rotated: Option<DateTime<Utc>>,
    /// The day the secret was last retrieved (Secrets Manager records dates, not times).
    pub last_accessed: Option<DateTime<Utc>>,
    pub kms_key_id: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
}
