//! Cost Optimization Hub: whether the account is enrolled, and the recommendations AWS has
//! already computed for it (rightsizing, idle resources, Graviton, Savings Plans and Reserved
//! Instances, many of them Compute Optimizer's), each with AWS's own estimate of the savings.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

/// The account's Cost Optimization Hub (one record whenever its enrolment could be read).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CostOptimizationHub {
    /// The scanned account's id.
    pub id: String,
    pub arn: String,
    /// Always `global`.
    pub region: String,
    pub tags: Tags,
    /// `recommendations` when they could not be listed.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// The account is enrolled, so AWS computes recommendations for it.
    pub enrolled: bool,
    pub recommendations: Vec<CostRecommendation>,
}

/// One recommendation, as Cost Optimization Hub gives it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CostRecommendation {
    pub id: String,
    /// The resource's id (its ARN where it has one).
    pub resource_id: String,
    pub resource_arn: Option<String>,
    pub region: String,
    /// `Ec2Instance`, `EbsVolume`, `RdsDbInstance`, `ComputeSavingsPlans`, ...
    pub resource_type: String,
    /// `Rightsize`, `Stop`, `Delete`, `Upgrade`, `MigrateToGraviton`, `ScaleIn`,
    /// `PurchaseSavingsPlans` or `PurchaseReservedInstances`.
    pub action: String,
    /// What the resource is now, and what AWS recommends, in AWS's words (`m5.2xlarge`).
    pub current: String,
    pub recommended: String,
    /// AWS's estimate, per month, in `currency`.
    pub monthly_savings: f64,
    pub savings_percent: Option<f64>,
    pub currency: String,
    /// `VeryLow` to `VeryHigh`.
    pub effort: String,
    pub restart_needed: bool,
    /// `ComputeOptimizer` or `CostExplorer`.
    pub source: String,
}

impl CostRecommendation {
    /// A commitment to buy (Savings Plans, Reserved Instances) rather than a resource to change.
    pub fn is_commitment(&self) -> bool {
        matches!(
            self.action.as_str(),
            "PurchaseSavingsPlans" | "PurchaseReservedInstances"
        )
    }
}
