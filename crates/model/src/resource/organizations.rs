//! AWS Organizations as the scanned account sees it: one resource for the account whenever
//! DescribeOrganization answered, so "not in an organisation" is a fact, not an absence.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Organization {
    /// The scanned account's id: the record is its membership.
    pub id: String,
    /// The organisation's ARN, or the account's for an account in none.
    pub arn: String,
    /// Always `global`.
    pub region: String,
    pub tags: Tags,
    /// `service_control_policies` when the policies could not be listed (only the management
    /// account and a delegated administrator may).
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// The account belongs to an organisation.
    pub member: bool,
    /// The organisation's id (`o-...`).
    pub organization_id: Option<String>,
    pub management_account_id: Option<String>,
    /// `ALL`, or `CONSOLIDATED_BILLING` (which has no policies).
    pub feature_set: String,
    /// The service control policies besides AWS's own `FullAWSAccess`, by name.
    pub service_control_policies: Vec<String>,
}
