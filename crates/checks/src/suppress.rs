//! Suppressions: a team sets a finding aside by check id and resource id or tag, with a reason
//! and the last day it applies. Suppressed findings are reported apart and not scored; an
//! expired suppression stops applying and is reported so someone renews or drops it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use wellscan_model::{Finding, Resource, SuppressedFinding};

/// One `[[checks.suppress]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// The check id it applies to.
    pub check: String,
    /// A resource id; or
    #[serde(default)]
    pub resource: Option<String>,
    /// a tag, `Key=Value`, every matching resource carries.
    #[serde(default)]
    pub tag: Option<String>,
    pub reason: String,
    /// The last day it applies (the scan's date is compared, not the wall clock).
    #[serde(deserialize_with = "date")]
    pub expires: NaiveDate,
}

/// A date written `2027-03-31`, as a string or as a TOML date (which arrives as a one-entry map).
fn date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date like 2027-03-31")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NaiveDate, E> {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| E::custom(format!("`{v}` is not a date like 2027-03-31")))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<NaiveDate, A::Error> {
            match map.next_entry::<String, String>()? {
                Some((_, v)) => self.visit_str(&v),
                None => Err(serde::de::Error::custom("expected a date like 2027-03-31")),
            }
        }
    }
    d.deserialize_any(Visitor)
}

/// A suppression the configuration cannot mean.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SuppressionError {
    #[error(
        "suppression {index} for `{check}`: give either `resource` or `tag`, not both and not neither"
    )]
    Target { index: usize, check: String },
    #[error("suppression {index} for `{check}`: `tag` must be `Key=Value`, got `{tag}`")]
    Tag {
        index: usize,
        check: String,
        tag: String,
    },
    #[error("suppression {index} for `{check}`: a reason is required")]
    Reason { index: usize, check: String },
}

impl Suppression {
    pub(crate) fn validate(&self, index: usize) -> Result<(), SuppressionError> {
        let check = self.check.clone();
        match (&self.resource, &self.tag) {
            (Some(_), None) => {}
            (None, Some(tag)) if tag.split_once('=').is_some_and(|(k, _)| !k.is_empty()) => {}
            (None, Some(tag)) => {
                return Err(SuppressionError::Tag {
                    index,
                    check,
                    tag: tag.clone(),
                });
            }
            _ => return Err(SuppressionError::Target { index, check }),
        }
        if self.reason.trim().is_empty() {
            return Err(SuppressionError::Reason { index, check });
        }
        Ok(())
    }

    /// What this suppression matches on `resource`, if it does.
    fn matches(&self, check_id: &str, resource: &Resource) -> Option<String> {
        if self.check != check_id {
            return None;
        }
        if let Some(id) = &self.resource {
            return (id == resource.id() || id == resource.arn()).then(|| format!("resource {id}"));
        }
        let (key, value) = self.tag.as_deref()?.split_once('=')?;
        (resource.tags().get(key).map(String::as_str) == Some(value))
            .then(|| format!("tag {key}={value}"))
    }
}

/// A suppression and what it matched (`resource <id>` or `tag <key>=<value>`).
pub(crate) type Match<'a> = (&'a Suppression, String);

/// The suppression that sets `finding` aside on `today`, if any, and the expired ones that
/// would have.
pub(crate) fn apply<'a>(
    suppressions: &'a [Suppression],
    finding: &Finding,
    resource: Option<&Resource>,
    today: NaiveDate,
) -> (Option<Match<'a>>, Vec<Match<'a>>) {
    let Some(resource) = resource else {
        return (None, Vec::new());
    };
    let mut expired = Vec::new();
    for s in suppressions {
        if let Some(matched) = s.matches(&finding.check_id, resource) {
            if s.expires >= today {
                return (Some((s, matched)), expired);
            }
            expired.push((s, matched));
        }
    }
    (None, expired)
}

pub(crate) fn set_aside(finding: Finding, by: &Suppression, matched: String) -> SuppressedFinding {
    SuppressedFinding {
        finding,
        reason: by.reason.clone(),
        expires: by.expires,
        matched,
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{EbsVolume, Inventory};

    use super::*;
    use crate::testing::now;
    use crate::{Config, PriceTable, run};

    fn volume(id: &str, tags: &[(&str, &str)]) -> Resource {
        EbsVolume {
            id: id.into(),
            region: "us-east-1".into(),
            volume_type: "gp3".into(),
            size_gib: 100,
            encrypted: true,
            state: "available".into(),
            tags: tags
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
        .into()
    }

    fn suppression(resource: Option<&str>, tag: Option<&str>, expires: &str) -> Suppression {
        Suppression {
            check: "ebs.volume_unattached".into(),
            resource: resource.map(String::from),
            tag: tag.map(String::from),
            reason: "kept for the quarterly restore drill".into(),
            expires: expires.parse().expect("date"),
        }
    }

    fn inventory() -> Inventory {
        let mut inv = Inventory::new("123456789012", "aws", now());
        inv.regions = vec!["us-east-1".into()];
        inv.resources = vec![
            volume("vol-drill", &[]),
            volume("vol-sandbox", &[("Environment", "sandbox")]),
            volume("vol-forgotten", &[]),
        ];
        inv
    }

    #[test]
    fn suppressed_findings_are_listed_apart_and_not_scored_until_they_expire() {
        let config = Config {
            suppress: vec![
                suppression(Some("vol-drill"), None, "2026-12-31"),
                // Expired the day before the scan: the finding counts again.
                suppression(None, Some("Environment=sandbox"), "2026-10-31"),
            ],
            ..Config::default()
        };
        let out = run(&inventory(), &config, PriceTable::embedded());

        let failing = |id: &str| {
            out.findings
                .iter()
                .any(|f| f.check_id == "ebs.volume_unattached" && f.resource_id == id)
        };
        assert!(!failing("vol-drill"));
        assert!(failing("vol-sandbox") && failing("vol-forgotten"));
        assert_eq!(out.suppressed.len(), 1);
        let s = &out.suppressed[0];
        assert_eq!(s.finding.resource_id, "vol-drill");
        assert_eq!(s.reason, "kept for the quarterly restore drill");
        assert_eq!(s.matched, "resource vol-drill");
        assert_eq!(out.expired_suppressions.len(), 1);
        assert_eq!(
            out.expired_suppressions[0].matched,
            "tag Environment=sandbox"
        );

        let summary = out
            .summaries
            .iter()
            .find(|c| c.check_id == "ebs.volume_unattached")
            .expect("summary");
        assert_eq!(
            (summary.evaluated, summary.failed, summary.suppressed),
            (2, 2, 1)
        );
    }

    #[test]
    fn a_suppression_needs_one_target_a_tag_with_a_key_and_a_reason() {
        let both = suppression(Some("vol-1"), Some("A=b"), "2027-01-01");
        assert!(matches!(
            both.validate(1),
            Err(SuppressionError::Target { .. })
        ));
        let neither = suppression(None, None, "2027-01-01");
        assert!(matches!(
            neither.validate(2),
            Err(SuppressionError::Target { .. })
        ));
        let bad_tag = suppression(None, Some("sandbox"), "2027-01-01");
        assert!(matches!(
            bad_tag.validate(3),
            Err(SuppressionError::Tag { .. })
        ));
        let mut no_reason = suppression(Some("vol-1"), None, "2027-01-01");
        no_reason.reason = "  ".into();
        assert!(matches!(
            no_reason.validate(4),
            Err(SuppressionError::Reason { .. })
        ));

        let unknown = Config {
            suppress: vec![Suppression {
                check: "ec2.no_such_check".into(),
                ..suppression(Some("vol-1"), None, "2027-01-01")
            }],
            ..Config::default()
        };
        let err = unknown.validate().expect_err("unknown check");
        assert!(err.to_string().contains("ec2.no_such_check"), "{err}");
    }
}
