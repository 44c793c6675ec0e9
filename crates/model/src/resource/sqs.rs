//! SQS queues.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SqsQueue {
    /// The queue's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub url: String,
    /// Messages are encrypted at rest (SQS-managed keys or KMS).
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    /// The queue failed receives move to (`RedrivePolicy.deadLetterTargetArn`).
    pub dead_letter_queue: Option<String>,
    /// Other queues name this one as their dead-letter queue.
    pub is_dead_letter_queue: bool,
    /// The queue policy allows anyone (`Principal: *` without a condition).
    pub policy_public: bool,
    pub retention_seconds: u32,
    pub messages_visible: u64,
}
