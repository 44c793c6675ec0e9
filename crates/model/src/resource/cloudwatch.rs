//! CloudWatch alarms, one by one and per region.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmState {
    #[default]
    Ok,
    Alarm,
    InsufficientData,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudwatchAlarm {
    /// The alarm name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub namespace: String,
    pub metric_name: String,
    pub dimensions: BTreeMap<String, String>,
    pub state: AlarmState,
    pub state_since: Option<DateTime<Utc>>,
    pub actions_enabled: bool,
    pub alarm_actions: Vec<String>,
    pub ok_actions: Vec<String>,
}

/// A region's CloudWatch alarms as a whole (one per region whose alarm listing was complete):
/// how many there are, so that a region with none is a fact, not an absence.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudwatchAlarms {
    /// Always `cloudwatch-alarms`.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Always empty: the resource exists only when the listing was read.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// Metric alarms in the region.
    pub alarms: u32,
}
