//! Helpers for the per-check tests: run one check over a handful of resources.

use chrono::{DateTime, TimeZone, Utc};
use wellscan_model::{IngressRule, Inventory, RdsInstance, Resource, S3Bucket, SecurityGroup};

use crate::{Check, Config, Context, Outcome};

/// The scan time every check test measures ages from.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0)
        .single()
        .expect("valid date")
}

pub fn days_ago(days: i64) -> Option<DateTime<Utc>> {
    Some(now() - chrono::Duration::days(days))
}

/// Runs `check` over `resources` with the default configuration.
pub fn outcome(check: &Check, resources: Vec<Resource>) -> Outcome {
    outcome_with(check, resources, &Config::default())
}

pub fn outcome_with(check: &Check, resources: Vec<Resource>, config: &Config) -> Outcome {
    run_with(check, &inventory(resources), config)
}

/// An inventory of `resources` in us-east-1, taken at [`now`].
pub fn inventory(resources: Vec<Resource>) -> Inventory {
    let mut inventory = Inventory::new("123456789012", "aws", now());
    inventory.regions = vec!["us-east-1".into()];
    inventory.resources = resources;
    inventory
}

/// `inventory` with `operation` of `service` failed in `region`.
pub fn with_gap(
    mut inventory: Inventory,
    region: &str,
    service: &str,
    operation: &str,
) -> Inventory {
    inventory.coverage_gaps.push(wellscan_model::CoverageGap {
        region: region.into(),
        service: service.into(),
        operation: operation.into(),
        error: "AccessDenied: not authorized".into(),
    });
    inventory
}

/// Runs `check` over a whole inventory with the default configuration.
pub fn run(check: &Check, inventory: &Inventory) -> Outcome {
    run_with(check, inventory, &Config::default())
}

fn run_with(check: &Check, inventory: &Inventory, config: &Config) -> Outcome {
    let ctx = Context::new(inventory, config, crate::prices::PriceTable::embedded());
    let mut outcome = Outcome::default();
    (check.evaluate)(&ctx, &mut outcome);
    outcome
}

/// The ids of the resources `check` fails, in inventory order.
pub fn failing(check: &Check, resources: Vec<Resource>) -> Vec<String> {
    outcome(check, resources)
        .failures()
        .iter()
        .map(|f| f.resource_id().to_string())
        .collect()
}

/// A running PostgreSQL `db.m5.large` with 100 GiB of gp3 in us-east-1, changed by `f`.
pub fn rds_instance(id: &str, f: impl FnOnce(&mut RdsInstance)) -> Resource {
    let mut d = RdsInstance {
        id: id.into(),
        region: "us-east-1".into(),
        engine: "postgres".into(),
        class: "db.m5.large".into(),
        status: "available".into(),
        storage_type: "gp3".into(),
        allocated_storage_gib: 100,
        ..Default::default()
    };
    f(&mut d);
    d.into()
}

/// An S3 bucket in us-east-1 with every setting off, changed by `f`.
pub fn s3_bucket(id: &str, f: impl FnOnce(&mut S3Bucket)) -> Resource {
    let mut b = S3Bucket {
        id: id.into(),
        region: "us-east-1".into(),
        ..Default::default()
    };
    f(&mut b);
    b.into()
}

/// An attached security group in us-east-1 with these inbound rules.
pub fn security_group(id: &str, rules: Vec<IngressRule>) -> Resource {
    SecurityGroup {
        id: id.into(),
        name: id.into(),
        region: "us-east-1".into(),
        ingress: rules,
        in_use: true,
        ..Default::default()
    }
    .into()
}

/// An inbound rule for `protocol` over `ports` from an IPv4 and an IPv6 range (empty: none).
pub fn ingress(protocol: &str, ports: (i32, i32), v4: &str, v6: &str) -> IngressRule {
    let ranges = |r: &str| {
        [r].into_iter()
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    IngressRule {
        protocol: protocol.into(),
        from_port: Some(ports.0),
        to_port: Some(ports.1),
        ipv4_ranges: ranges(v4),
        ipv6_ranges: ranges(v6),
        ..Default::default()
    }
}
