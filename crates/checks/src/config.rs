use serde::{Deserialize, Deserializer, Serialize, de::Error as _};

use crate::suppress::{Suppression, SuppressionError};

/// What a team tunes about the checks (`[checks]` in `wellscan.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Check ids not to run.
    pub skip: Vec<String>,
    /// Tag keys every taggable resource must carry (compared case-insensitively).
    #[serde(deserialize_with = "tag_keys")]
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
    #[serde(deserialize_with = "percent")]
    pub idle_cpu_percent: f64,
    #[serde(deserialize_with = "percent")]
    pub idle_cpu_max_percent: f64,
    /// A 14-day average CPU at or above this is sustained high load.
    #[serde(deserialize_with = "percent")]
    pub high_cpu_percent: f64,
    /// Fewer automated backup days than this is too short.
    #[serde(deserialize_with = "days_u32")]
    pub backup_min_days: u32,
    /// Access keys older than this many days are due for rotation.
    #[serde(deserialize_with = "days")]
    pub access_key_max_age_days: i64,
    /// Active access keys unused for this many days should go.
    #[serde(deserialize_with = "days")]
    pub access_key_unused_days: i64,
    /// Snapshots older than this many days are candidates for deletion.
    #[serde(deserialize_with = "days")]
    pub snapshot_max_age_days: i64,
    /// Log groups keeping fewer days than this are too short for investigations.
    #[serde(deserialize_with = "days_u32")]
    pub log_retention_min_days: u32,
}

/// The most days a threshold may name: a century.
const MAX_DAYS: i64 = 36_500;
/// The longest tag key AWS accepts.
const MAX_TAG_KEY: usize = 128;

/// A percentage: a number from 0 to 100 (never NaN, which would turn a check off unseen).
fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let value = f64::deserialize(d)?;
    if value.is_finite() && (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(D::Error::custom(format!(
            "{value} is not a percentage: write a number from 0 to 100"
        )))
    }
}

/// A number of days from 1 to a century.
fn days<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let value = i64::deserialize(d)?;
    if (1..=MAX_DAYS).contains(&value) {
        Ok(value)
    } else {
        Err(D::Error::custom(format!(
            "{value} days is not a threshold: write a whole number of days from 1 to {MAX_DAYS}"
        )))
    }
}

fn days_u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    days(d).map(|v| v as u32)
}

/// Tag keys as AWS allows them: not blank, at most 128 characters, each named once.
fn tag_keys<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let keys = Vec::<String>::deserialize(d)?;
    for (i, key) in keys.iter().enumerate() {
        if key.trim().is_empty() {
            return Err(D::Error::custom(format!(
                "tag key {} is blank: name the tag, e.g. \"Owner\"",
                i + 1
            )));
        }
        if key.chars().count() > MAX_TAG_KEY {
            return Err(D::Error::custom(format!(
                "tag key {} is longer than the {MAX_TAG_KEY} characters AWS allows",
                i + 1
            )));
        }
        if keys[..i].iter().any(|k| k.eq_ignore_ascii_case(key)) {
            return Err(D::Error::custom(format!("tag key `{key}` is named twice")));
        }
    }
    Ok(keys)
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
