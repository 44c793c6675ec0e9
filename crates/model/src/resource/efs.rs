//! EFS file systems.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EfsFileSystem {
    /// The file system id, `fs-…`.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub encrypted: bool,
    /// The automatic backup policy is `ENABLED`.
    pub automatic_backups: bool,
    /// A lifecycle rule moves files to Infrequent Access or Archive.
    pub lifecycle_to_ia: bool,
    /// `bursting`, `provisioned` or `elastic`.
    pub throughput_mode: String,
    pub size_bytes: u64,
    pub mount_targets: u32,
    pub created_at: Option<DateTime<Utc>>,
}
