//! Lambda functions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{MetricStats, Tags};
use crate::Unknown;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TracingMode {
    #[default]
    PassThrough,
    Active,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionUrlAuth {
    /// Anyone on the internet can invoke the URL.
    None,
    AwsIam,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LambdaFunction {
    /// The function name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `python3.12`, `nodejs20.x`, ...; `None` for container images.
    pub runtime: Option<String>,
    /// `x86_64` and/or `arm64`.
    pub architectures: Vec<String>,
    pub memory_mb: u32,
    pub timeout_s: u32,
    /// When the code or configuration last changed (a deployment), as ListFunctions says.
    pub last_modified: Option<DateTime<Utc>>,
    pub role_arn: String,
    pub tracing: TracingMode,
    pub dead_letter_target: Option<String>,
    pub on_failure_destination: Option<String>,
    pub reserved_concurrency: Option<i32>,
    pub function_url_auth: Option<FunctionUrlAuth>,
    /// Environment variable names. Values are never collected.
    pub environment_variable_names: Vec<String>,
    /// The names among them whose name or value looked like a secret, decided at the scanner.
    pub secret_like_variables: Vec<String>,
    /// Whether the function is invoked asynchronously (events, queues) in practice.
    pub invoked_async: bool,
    /// 14-day invocations per day.
    pub invocations: Option<MetricStats>,
    /// 14-day errors per day.
    pub errors: Option<MetricStats>,
    /// 14-day throttles per day.
    pub throttles: Option<MetricStats>,
    /// 14-day duration, milliseconds.
    pub duration_ms: Option<MetricStats>,
}
