//! AWS Backup, EFS file systems and ECR repositories.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

/// A region's AWS Backup as a whole (one per region whose plans were listed): how many plans
/// there are, so that a region with none is a fact, not an absence.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupPlans {
    /// Always `backup-plans`.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Always empty: the resource exists only when the plans were listed.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub plans: u32,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupVault {
    /// The vault's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub recovery_points: u64,
    /// AWS Backup Vault Lock is on: recovery points cannot be deleted early.
    pub locked: bool,
    pub encryption_key_arn: Option<String>,
}

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
