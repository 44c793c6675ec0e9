use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{DocumentError, GLOBAL_REGION, Resource, ResourceKind};

/// The inventory schema this build writes and the newest it reads.
pub const INVENTORY_SCHEMA_VERSION: u32 = 1;

/// Everything discovered in one account: the resources, and what could not be seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    pub schema_version: u32,
    pub account_id: String,
    /// `aws`, `aws-cn` or `aws-us-gov`.
    pub partition: String,
    #[serde(default)]
    pub account_alias: Option<String>,
    /// The regions scanned (not including `global`).
    pub regions: Vec<String>,
    /// Opt-in regions of the partition that the account has not enabled (not scanned).
    #[serde(default)]
    pub regions_not_enabled: Vec<String>,
    pub scanned_at: DateTime<Utc>,
    pub resources: Vec<Resource>,
    #[serde(default)]
    pub coverage_gaps: Vec<CoverageGap>,
}

/// Something the scan could not see: a region, service or call that failed, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CoverageGap {
    pub region: String,
    pub service: String,
    pub operation: String,
    pub error: String,
}

impl Inventory {
    /// An empty inventory for `account_id`, stamped with the current schema version.
    pub fn new(
        account_id: impl Into<String>,
        partition: impl Into<String>,
        scanned_at: DateTime<Utc>,
    ) -> Inventory {
        Inventory {
            schema_version: INVENTORY_SCHEMA_VERSION,
            account_id: account_id.into(),
            partition: partition.into(),
            account_alias: None,
            regions: Vec::new(),
            regions_not_enabled: Vec::new(),
            scanned_at,
            resources: Vec::new(),
            coverage_gaps: Vec::new(),
        }
    }

    /// Parses an inventory document, refusing one written by a newer wellscan.
    pub fn from_json(text: &str) -> Result<Inventory, DocumentError> {
        crate::document::from_json(text, INVENTORY_SCHEMA_VERSION)
    }

    /// Keeps only `regions` (plus global resources); the scanned-region list shrinks to match.
    pub fn retain_regions(&mut self, regions: &[String]) {
        let keep = |r: &str| r == GLOBAL_REGION || regions.iter().any(|k| k == r);
        self.resources.retain(|r| keep(r.region()));
        self.coverage_gaps.retain(|g| keep(&g.region));
        self.regions.retain(|r| regions.contains(r));
    }

    /// Resource counts by region, then by kind.
    pub fn counts(&self) -> BTreeMap<&str, BTreeMap<ResourceKind, usize>> {
        let mut counts: BTreeMap<&str, BTreeMap<ResourceKind, usize>> = BTreeMap::new();
        for r in &self.resources {
            *counts
                .entry(r.region())
                .or_default()
                .entry(r.kind())
                .or_default() += 1;
        }
        counts
    }

    /// Finds a resource by kind and id.
    pub fn find(&self, kind: ResourceKind, id: &str) -> Option<&Resource> {
        self.resources
            .iter()
            .find(|r| r.kind() == kind && r.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Ec2Instance, IamUser};

    fn sample() -> Inventory {
        let mut inv = Inventory::new("123456789012", "aws", DateTime::UNIX_EPOCH);
        inv.regions = vec!["us-east-1".into(), "eu-west-1".into()];
        for region in ["us-east-1", "eu-west-1"] {
            inv.resources.push(
                Ec2Instance {
                    id: format!("i-{region}"),
                    region: region.into(),
                    ..Default::default()
                }
                .into(),
            );
        }
        inv.resources.push(
            IamUser {
                id: "alice".into(),
                region: GLOBAL_REGION.into(),
                ..Default::default()
            }
            .into(),
        );
        inv
    }

    #[test]
    fn round_trips_through_json() {
        let inv = sample();
        let text = serde_json::to_string(&inv).unwrap();
        assert_eq!(Inventory::from_json(&text).unwrap(), inv);
    }

    #[test]
    fn refuses_newer_schema_and_non_inventories() {
        let newer = format!(r#"{{"schema_version": {}}}"#, INVENTORY_SCHEMA_VERSION + 1);
        assert!(matches!(
            Inventory::from_json(&newer),
            Err(DocumentError::NewerSchema { .. })
        ));
        assert!(matches!(
            Inventory::from_json("[1, 2]"),
            Err(DocumentError::MissingSchemaVersion)
        ));
        assert!(matches!(
            Inventory::from_json("not json"),
            Err(DocumentError::NotJson(_))
        ));
        assert!(matches!(
            Inventory::from_json(r#"{"schema_version": 1}"#),
            Err(DocumentError::Invalid(_))
        ));
    }

    #[test]
    fn region_filter_keeps_global_resources() {
        let mut inv = sample();
        inv.retain_regions(&["eu-west-1".to_string()]);
        let regions: Vec<&str> = inv.resources.iter().map(|r| r.region()).collect();
        assert_eq!(regions, ["eu-west-1", "global"]);
        assert_eq!(inv.regions, ["eu-west-1"]);
    }
}
