//! S3 buckets and their public access blocks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Versioning {
    #[default]
    Disabled,
    Enabled,
    Suspended,
}

/// The four S3 Block Public Access settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub fn all_on(&self) -> bool {
        self.block_public_acls
            && self.ignore_public_acls
            && self.block_public_policy
            && self.restrict_public_buckets
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct S3Bucket {
    /// The bucket name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub created_at: Option<DateTime<Utc>>,
    /// `AES256`, `aws:kms`, `aws:kms:dsse`, or `None` when no default encryption is set.
    pub default_encryption: Option<String>,
    pub versioning: Versioning,
    /// The bucket's own Block Public Access settings; `None` when not configured.
    pub public_access_block: Option<PublicAccessBlock>,
    /// The bucket policy grants access to everyone.
    pub policy_public: bool,
    /// The ACL grants access to AllUsers or AuthenticatedUsers.
    pub acl_public: bool,
    pub access_logging: bool,
    pub lifecycle_rules: u32,
    /// An enabled lifecycle rule aborts incomplete multipart uploads (read with the rules).
    pub aborts_incomplete_uploads: bool,
    /// The bucket policy denies requests without TLS (`aws:SecureTransport = false`).
    pub tls_only_policy: bool,
}
