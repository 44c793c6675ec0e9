//! API Gateway: the stages of REST and HTTP APIs, where logging, throttling, WAF and caching
//! are set.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

/// Which API Gateway API a stage belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiProtocol {
    #[default]
    Rest,
    Http,
    Websocket,
}

impl ApiProtocol {
    pub fn title(self) -> &'static str {
        match self {
            ApiProtocol::Rest => "REST",
            ApiProtocol::Http => "HTTP",
            ApiProtocol::Websocket => "WebSocket",
        }
    }
}

/// One stage of an API: what clients call.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiStage {
    /// `api-id/stage`.
    pub id: String,
    pub arn: String,
    pub region: String,
    /// The stage's tags.
    pub tags: Tags,
    /// Always empty: a stage is listed with everything judged here.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub api_id: String,
    pub api_name: String,
    pub protocol: ApiProtocol,
    pub stage: String,
    /// `EDGE`, `REGIONAL` or `PRIVATE` (REST APIs; HTTP APIs are regional).
    pub endpoint_type: String,
    /// Where access logs go (a log group or Firehose ARN); `None` when off.
    pub access_log_destination: Option<String>,
    /// REST execution logging for every method: `OFF`, `ERROR` or `INFO`; `None` when unset.
    pub execution_logging: Option<String>,
    /// X-Ray tracing (REST only).
    pub tracing: bool,
    /// The stage's own steady-state limit for every route or method, requests per second;
    /// `None` when only the account-level limit applies.
    pub throttling_rate_limit: Option<f64>,
    /// The AWS WAF web ACL associated (REST only).
    pub web_acl: Option<String>,
    /// The stage cache is on (REST only).
    pub cache_enabled: bool,
    /// Cached responses are encrypted (REST, when caching is on for every method).
    pub cache_encrypted: bool,
}
