//! DynamoDB tables.

use serde::{Deserialize, Serialize};

use super::{MetricStats, Tags};
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DynamodbTable {
    /// The table name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `PROVISIONED` or `PAY_PER_REQUEST`.
    pub billing_mode: String,
    pub point_in_time_recovery: bool,
    /// `AWS_OWNED` (the default), `AWS_MANAGED` or `CUSTOMER_MANAGED`.
    pub encryption: String,
    /// `STANDARD` or `STANDARD_INFREQUENT_ACCESS`.
    pub table_class: String,
    pub read_capacity: Option<i64>,
    pub write_capacity: Option<i64>,
    pub item_count: i64,
    pub size_bytes: i64,
    /// 14-day consumed read capacity units per day.
    pub consumed_reads: Option<MetricStats>,
    /// 14-day consumed write capacity units per day.
    pub consumed_writes: Option<MetricStats>,
}
