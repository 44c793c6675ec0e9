use serde::{Deserialize, Serialize};

use crate::suppress::{Suppression, SuppressionError};

/// What a team tunes about the checks (`[checks]` in `wellscan.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Check ids not to run.
    pub skip: Vec<String>,
    /// Tag keys every taggable resource must carry (compared case-insensitively).
    pub required_tags: Vec<String>,
    pub thresholds: Thresholds,
    /// Findings set aside, with a reason and an expiry date.
    pub suppress: Vec<Suppression>,
}

/// Numbers the checks compare against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// A running instance whose 14-day average CPU is below this (and maximum below
    /// `idle_cpu_max_percent`) is idle.
    pub idle_cpu_percent: f64,
    pub idle_cpu_max_percent: f64,
    /// A 14-day average CPU at or above this is sustained high load.
    pub high_cpu_percent: f64,
    /// Fewer automated backup days than this is too short.
    pub backup_min_days: u32,
    /// Access keys older than this many days are due for rotation.
    pub access_key_max_age_days: i64,
    /// Active access keys unused for this many days should go.
    pub access_key_unused_days: i64,
    /// Snapshots older than this many days are candidates for deletion.
    pub snapshot_max_age_days: i64,
    /// Log groups keeping fewer days than this are too short for investigations.
    pub log_retention_min_days: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            skip: Vec::new(),
            required_tags: vec!["Owner".into(), "Environment".into()],
            thresholds: Thresholds::default(),
            suppress: Vec::new(),
        }
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            idle_cpu_percent: 5.0,
            idle_cpu_max_percent: 20.0,
            high_cpu_percent: 80.0,
            backup_min_days: 7,
            access_key_max_age_days: 90,
            access_key_unused_days: 90,
            snapshot_max_age_days: 180,
            log_retention_min_days: 90,
        }
    }
}

impl Config {
    pub fn skips(&self, check_id: &str) -> bool {
        self.skip.iter().any(|s| s == check_id)
    }

    /// Refuses what deserialising cannot: a suppression without a target or reason, a check
    /// id no check has.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let known = |id: &str| crate::catalogue().iter().any(|c| c.meta.id == id);
        for id in &self.skip {
            if !known(id) {
                return Err(ConfigError::UnknownCheck {
                    field: "skip",
                    id: id.clone(),
                });
            }
        }
        for (i, s) in self.suppress.iter().enumerate() {
            if !known(&s.check) {
                return Err(ConfigError::UnknownCheck {
                    field: "suppress",
                    id: s.check.clone(),
                });
            }
            s.validate(i + 1)?;
        }
        Ok(())
    }
}

/// A `[checks]` section that parses but cannot be meant.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("{field}: no check has the id `{id}`")]
    UnknownCheck { field: &'static str, id: String },
    #[error(transparent)]
    Suppression(#[from] SuppressionError),
}
