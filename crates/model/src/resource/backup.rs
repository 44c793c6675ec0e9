//! AWS Backup: the plans of a region with their selections, and vaults.

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
    /// `backup_selections` when a plan's resource assignments could not be read.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub plans: u32,
    /// Every plan's resource assignments; `None` when they were not read (a failed call, or an
    /// inventory from before wellscan read them).
    pub selections: Option<Vec<BackupSelection>>,
    /// The backup vaults (ARNs) any plan's rules copy recovery points to, read with
    /// `GetBackupPlan`; `None` when not read.
    pub copy_destinations: Option<Vec<String>>,
}

/// One resource assignment of a backup plan (`GetBackupSelection`): which resources the plan
/// backs up.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupSelection {
    /// The plan's name.
    pub plan: String,
    pub name: String,
    /// ARNs, `*` matching any run of characters (`arn:aws:elasticfilesystem:*:*:file-system/*`).
    pub resources: Vec<String>,
    /// ARNs left out, as `resources`.
    pub not_resources: Vec<String>,
    /// `ListOfTags`: a resource with any of these tags is assigned.
    pub any_tags: Vec<TagCondition>,
    /// `Conditions`: an assigned resource must meet all of these.
    pub all_conditions: Vec<TagCondition>,
}

impl BackupSelection {
    /// Whether this assignment backs up the resource `arn` with `tags`: named by `resources` or
    /// by one of `any_tags`, meeting every one of `all_conditions`, and not in `not_resources`.
    pub fn covers(&self, arn: &str, tags: &Tags) -> bool {
        let named = self
            .resources
            .iter()
            .any(|p| crate::wildcard::matches(p, arn))
            || self.any_tags.iter().any(|c| c.holds(tags));
        named
            && self.all_conditions.iter().all(|c| c.holds(tags))
            && !self
                .not_resources
                .iter()
                .any(|p| crate::wildcard::matches(p, arn))
    }
}

/// A condition on a resource tag.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TagCondition {
    /// `StringEquals`, `StringNotEquals`, `StringLike` or `StringNotLike`.
    pub operator: String,
    /// The tag key (`aws:ResourceTag/` taken off).
    pub key: String,
    pub value: String,
}

impl TagCondition {
    /// Whether a resource with `tags` meets the condition (`*` in a `Like` value matches any
    /// run of characters).
    pub fn holds(&self, tags: &Tags) -> bool {
        let value = tags.get(&self.key).map(String::as_str);
        match self.operator.as_str() {
            "StringEquals" => value == Some(self.value.as_str()),
            "StringNotEquals" => value != Some(self.value.as_str()),
            "StringLike" => value.is_some_and(|v| crate::wildcard::matches(&self.value, v)),
            "StringNotLike" => !value.is_some_and(|v| crate::wildcard::matches(&self.value, v)),
            _ => false,
        }
    }
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
