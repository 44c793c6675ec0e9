//! ACM certificates.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Certificate {
    /// The certificate's id (the last part of its ARN).
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub domain: String,
    /// `ISSUED`, `EXPIRED`, `PENDING_VALIDATION`, ...
    pub status: String,
    /// `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`.
    pub cert_type: String,
    /// `RSA_2048`, `RSA_1024`, `EC_prime256v1`, ...
    pub key_algorithm: String,
    pub not_after: Option<DateTime<Utc>>,
    /// Resources that use the certificate (load balancers, distributions, APIs).
    pub in_use_by: u32,
}
