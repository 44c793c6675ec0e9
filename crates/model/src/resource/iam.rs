//! IAM and the account: users with their access keys, roles, groups, customer managed policies, the password policy and the account summary.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{PublicAccessBlock, Tags};
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessKey {
    pub id: String,
    pub active: bool,
    pub created_at: Option<DateTime<Utc>>,
    pub last_used: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IamUser {
    /// The user name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub created_at: Option<DateTime<Utc>>,
    pub console_access: bool,
    pub password_last_used: Option<DateTime<Utc>>,
    pub mfa_devices: u32,
    pub access_keys: Vec<AccessKey>,
    pub attached_policy_arns: Vec<String>,
    pub inline_policy_names: Vec<String>,
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IamRole {
    /// The role name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub created_at: Option<DateTime<Utc>>,
    /// Principals the trust policy admits (`*`, account ARNs, service names, ...).
    pub trust_principals: Vec<String>,
    pub last_used: Option<DateTime<Utc>>,
    pub attached_policy_arns: Vec<String>,
    pub service_linked: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IamPolicy {
    /// The policy name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub attachment_count: u32,
    pub default_version: String,
    /// The default version's policy document.
    pub document: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IamGroup {
    /// The group name.
    pub id: String,
    pub arn: String,
    pub region: String,
    /// Always empty: IAM groups have no tags.
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub created_at: Option<DateTime<Utc>>,
    pub attached_policy_arns: Vec<String>,
    /// Inline policy name to its document.
    pub inline_policies: BTreeMap<String, serde_json::Value>,
    /// The users in the group.
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordPolicy {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// False when the account has no password policy at all.
    pub present: bool,
    pub minimum_length: u32,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
    pub max_age_days: Option<u32>,
    pub reuse_prevention: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountSummary {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub root_mfa_enabled: bool,
    pub root_access_keys: u32,
    pub root_password_last_used: Option<DateTime<Utc>>,
    pub users: u32,
    pub roles: u32,
    pub policies: u32,
    pub mfa_devices: u32,
    /// The account-wide S3 Block Public Access settings; `None` when not configured.
    pub s3_public_access_block: Option<PublicAccessBlock>,
}
