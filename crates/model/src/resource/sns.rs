//! SNS topics.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SnsTopic {
    /// The topic's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub kms_key_id: Option<String>,
    /// The topic policy allows anyone (`Principal: *` without a condition).
    pub policy_public: bool,
    pub subscriptions: u32,
    /// Subscriptions that deliver over plain `http`.
    pub http_subscriptions: u32,
}
