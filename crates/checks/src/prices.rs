//! The price table: on-demand list prices in USD for us-east-1, with regional multipliers and
//! the day they were taken. The embedded table is `data/prices.json`; a team can supply its own
//! file of the same shape (`--prices FILE`). Savings are estimates for prioritising work, not
//! a bill.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// Hours in the average month, as AWS prices a month.
pub const HOURS_PER_MONTH: f64 = 730.0;
/// Seconds in the same month.
pub const SECONDS_PER_MONTH: f64 = HOURS_PER_MONTH * 3600.0;

const EMBEDDED: &str = include_str!("../data/prices.json");

/// Prices as published for us-east-1 (Linux, on-demand), and how other regions compare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceTable {
    /// The day the prices were taken (`YYYY-MM-DD`).
    pub taken_on: String,
    pub currency: String,
    #[serde(default)]
    pub source: String,
    /// USD per hour by instance type.
    pub ec2_hourly: BTreeMap<String, f64>,
    /// USD per hour by DB instance class, single-AZ (Multi-AZ costs twice).
    pub rds_hourly: BTreeMap<String, f64>,
    pub rds_storage_gb_month: BTreeMap<String, f64>,
    /// USD per GB-month by EBS volume type.
    pub ebs_gb_month: BTreeMap<String, f64>,
    /// USD per provisioned IOPS-month for io1/io2.
    pub ebs_piops_month: f64,
    pub snapshot_gb_month: f64,
    /// A public IPv4 address (an Elastic IP included).
    pub eip_hourly: f64,
    pub nat_gateway_hourly: f64,
    /// USD per GB a NAT gateway processes.
    #[serde(default = "default_nat_gateway_gb")]
    pub nat_gateway_gb: f64,
    /// USD per GB-second of Lambda duration, by architecture.
    pub lambda_gb_second: BTreeMap<String, f64>,
    pub dynamodb_rcu_hourly: f64,
    pub dynamodb_wcu_hourly: f64,
    pub logs_gb_month: f64,
    /// USD per hour of a load balancer by type (`application`, `network`, `gateway`), before
    /// capacity units. Older price files without it get the list prices wellscan ships.
    #[serde(default = "default_load_balancer_hourly")]
    pub load_balancer_hourly: BTreeMap<String, f64>,
    /// USD per secret-month in Secrets Manager.
    #[serde(default = "default_secret_month")]
    pub secret_month: f64,
    /// USD per GB-month of EFS Standard storage.
    #[serde(default = "default_efs_gb_month")]
    pub efs_gb_month: f64,
    /// Price level of a region relative to us-east-1.
    pub region_multiplier: BTreeMap<String, f64>,
    /// The multiplier for a region the table does not list.
    pub unknown_region_multiplier: f64,
}

/// A price file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PriceError {
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: String },
}

fn default_load_balancer_hourly() -> BTreeMap<String, f64> {
    [
        ("application", 0.0225),
        ("network", 0.0225),
        ("gateway", 0.0125),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// What price files written before the processing charge was priced get.
fn default_nat_gateway_gb() -> f64 {
    0.045
}

fn default_secret_month() -> f64 {
    0.40
}

fn default_efs_gb_month() -> f64 {
    0.30
}

static EMBEDDED_TABLE: LazyLock<PriceTable> = LazyLock::new(|| {
    // The embedded file is checked by a unit test; a broken one is a build defect.
    PriceTable::from_json(EMBEDDED).unwrap_or_else(|e| panic!("embedded prices.json: {e}"))
});

impl PriceTable {
    /// The table built into wellscan.
    pub fn embedded() -> &'static PriceTable {
        &EMBEDDED_TABLE
    }

    /// Reads a price file (JSON, the shape of `data/prices.json`).
    pub fn from_json(text: &str) -> Result<PriceTable, PriceError> {
        let table: PriceTable = serde_json::from_str(text).map_err(|e| PriceError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        table.validate()?;
        Ok(table)
    }

    fn validate(&self) -> Result<(), PriceError> {
        if chrono::NaiveDate::parse_from_str(&self.taken_on, "%Y-%m-%d").is_err() {
            return Err(PriceError::Invalid {
                field: "taken_on".into(),
                problem: format!("`{}` is not a date like 2026-10-01", self.taken_on),
            });
        }
        let maps = [
            ("ec2_hourly", &self.ec2_hourly),
            ("rds_hourly", &self.rds_hourly),
            ("rds_storage_gb_month", &self.rds_storage_gb_month),
            ("ebs_gb_month", &self.ebs_gb_month),
            ("lambda_gb_second", &self.lambda_gb_second),
            ("load_balancer_hourly", &self.load_balancer_hourly),
            ("region_multiplier", &self.region_multiplier),
        ];
        let scalars = [
            ("ebs_piops_month", self.ebs_piops_month),
            ("snapshot_gb_month", self.snapshot_gb_month),
            ("eip_hourly", self.eip_hourly),
            ("nat_gateway_hourly", self.nat_gateway_hourly),
            ("nat_gateway_gb", self.nat_gateway_gb),
            ("dynamodb_rcu_hourly", self.dynamodb_rcu_hourly),
            ("dynamodb_wcu_hourly", self.dynamodb_wcu_hourly),
            ("logs_gb_month", self.logs_gb_month),
            ("secret_month", self.secret_month),
            ("efs_gb_month", self.efs_gb_month),
            ("unknown_region_multiplier", self.unknown_region_multiplier),
        ];
        let entries = maps
            .iter()
            .flat_map(|(name, map)| map.iter().map(move |(k, v)| (format!("{name}.{k}"), *v)))
            .chain(scalars.iter().map(|(name, v)| (name.to_string(), *v)));
        for (field, value) in entries {
            if !value.is_finite() || value < 0.0 {
                return Err(PriceError::Invalid {
                    field,
                    problem: format!("{value} is not a price (a number of at least 0)"),
                });
            }
        }
        Ok(())
    }

    fn multiplier(&self, region: &str) -> f64 {
        self.region_multiplier
            .get(region)
            .copied()
            .unwrap_or(self.unknown_region_multiplier)
    }

    /// Monthly on-demand cost of an instance type; `None` for a type not in the table.
    pub fn ec2_monthly(&self, instance_type: &str, region: &str) -> Option<f64> {
        self.ec2_hourly
            .get(instance_type)
            .map(|h| h * HOURS_PER_MONTH * self.multiplier(region))
    }

    /// Monthly cost of a DB instance's compute and storage; `None` for a class not in the table.
    pub fn rds_monthly(
        &self,
        class: &str,
        multi_az: bool,
        storage_type: &str,
        storage_gib: u32,
        region: &str,
    ) -> Option<f64> {
        let hourly = self.rds_hourly.get(class)?;
        let per_gb = self
            .rds_storage_gb_month
            .get(storage_type)
            .copied()
            .unwrap_or(0.115);
        let copies = if multi_az { 2.0 } else { 1.0 };
        Some(
            copies
                * (hourly * HOURS_PER_MONTH + per_gb * f64::from(storage_gib))
                * self.multiplier(region),
        )
    }

    /// Monthly cost of an EBS volume's storage and provisioned IOPS.
    pub fn ebs_monthly(
        &self,
        volume_type: &str,
        size_gib: u32,
        iops: Option<u32>,
        region: &str,
    ) -> f64 {
        let per_gb = self.ebs_gb_month.get(volume_type).copied().unwrap_or(0.10);
        let piops = match volume_type {
            "io1" | "io2" => f64::from(iops.unwrap_or(0)) * self.ebs_piops_month,
            _ => 0.0,
        };
        (per_gb * f64::from(size_gib) + piops) * self.multiplier(region)
    }

    /// Monthly cost of a snapshot, taken at its full volume size (an upper bound: snapshots
    /// are incremental).
    pub fn snapshot_monthly(&self, size_gib: u32, region: &str) -> f64 {
        self.snapshot_gb_month * f64::from(size_gib) * self.multiplier(region)
    }

    pub fn eip_monthly(&self, region: &str) -> f64 {
        self.eip_hourly * HOURS_PER_MONTH * self.multiplier(region)
    }

    pub fn nat_gateway_monthly(&self, region: &str) -> f64 {
        self.nat_gateway_hourly * HOURS_PER_MONTH * self.multiplier(region)
    }

    /// Monthly processing charge of a NAT gateway that moves `bytes_per_day`.
    pub fn nat_processing_monthly(&self, bytes_per_day: f64, region: &str) -> f64 {
        bytes_per_day / 1e9
            * (HOURS_PER_MONTH / 24.0)
            * self.nat_gateway_gb
            * self.multiplier(region)
    }

    /// Monthly Lambda duration cost of `gb_seconds` per month on `architecture`.
    pub fn lambda_monthly(&self, architecture: &str, gb_seconds: f64, region: &str) -> f64 {
        let per = self
            .lambda_gb_second
            .get(architecture)
            .or_else(|| self.lambda_gb_second.get("x86_64"))
            .copied()
            .unwrap_or(0.0);
        per * gb_seconds * self.multiplier(region)
    }

    /// Monthly cost of provisioned DynamoDB capacity.
    pub fn dynamodb_provisioned_monthly(&self, rcu: i64, wcu: i64, region: &str) -> f64 {
        (self.dynamodb_rcu_hourly * rcu.max(0) as f64
            + self.dynamodb_wcu_hourly * wcu.max(0) as f64)
            * HOURS_PER_MONTH
            * self.multiplier(region)
    }

    /// Monthly hourly charge of a load balancer of `lb_type` (capacity units not included).
    pub fn load_balancer_monthly(&self, lb_type: &str, region: &str) -> f64 {
        let hourly = self
            .load_balancer_hourly
            .get(lb_type)
            .or_else(|| self.load_balancer_hourly.get("application"))
            .copied()
            .unwrap_or(0.0);
        hourly * HOURS_PER_MONTH * self.multiplier(region)
    }

    /// Monthly cost of keeping `secrets` secrets.
    pub fn secrets_monthly(&self, secrets: u32, region: &str) -> f64 {
        self.secret_month * f64::from(secrets) * self.multiplier(region)
    }

    /// Monthly cost of storing `bytes` of logs.
    pub fn logs_monthly(&self, bytes: u64, region: &str) -> f64 {
        self.logs_gb_month * bytes as f64 / 1e9 * self.multiplier(region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_loads_and_covers_every_family_the_checks_price() {
        let p = PriceTable::embedded();
        assert_eq!(p.taken_on, "2026-10-01");
        assert!(p.ec2_hourly.len() >= 80, "{}", p.ec2_hourly.len());
        assert!(p.rds_hourly.len() >= 30, "{}", p.rds_hourly.len());
        for t in [
            "m4.large",
            "m5.large",
            "c6g.xlarge",
            "t2.medium",
            "r5.large",
        ] {
            assert!(p.ec2_hourly.contains_key(t), "{t}");
        }
    }

    #[test]
    fn monthly_prices_scale_by_hours_and_region() {
        let p = PriceTable::embedded();
        let m5 = p.ec2_monthly("m5.large", "us-east-1").expect("m5");
        assert!((m5 - 70.08).abs() < 0.01);
        assert!(p.ec2_monthly("m5.large", "ap-northeast-1").expect("tokyo") > m5);
        assert!(p.ec2_monthly("m5.large", "xx-new-1").expect("unknown") > m5);
        assert_eq!(p.ec2_monthly("x9.huge", "us-east-1"), None);
        assert!((p.ebs_monthly("io1", 100, Some(1000), "us-east-1") - 77.5).abs() < 0.01);
        let single = p
            .rds_monthly("db.m5.large", false, "gp2", 100, "us-east-1")
            .expect("rds");
        assert!((single - (0.171 * 730.0 + 11.5)).abs() < 0.01);
        let multi = p
            .rds_monthly("db.m5.large", true, "gp2", 100, "us-east-1")
            .expect("rds");
        assert!((multi - 2.0 * single).abs() < 0.01);
    }

    #[test]
    fn a_bad_price_file_names_the_line_or_the_field() {
        let broken = "{\n  \"taken_on\": \"2026-10-01\",\n  \"ec2_hourly\": {\"m5.large\": }\n}";
        let err = PriceTable::from_json(broken).expect_err("syntax");
        assert!(err.to_string().starts_with("line 3"), "{err}");

        let mut table = PriceTable::embedded().clone();
        table.ec2_hourly.insert("m5.large".into(), -1.0);
        let text = serde_json::to_string(&table).expect("json");
        let err = PriceTable::from_json(&text).expect_err("negative");
        assert!(err.to_string().contains("ec2_hourly.m5.large"), "{err}");

        let text = EMBEDDED.replace(
            "\"taken_on\": \"2026-10-01\"",
            "\"taken_on\": \"last week\"",
        );
        let err = PriceTable::from_json(&text).expect_err("date");
        assert!(err.to_string().contains("taken_on"), "{err}");
    }
}
