//! The embedded price table: on-demand list prices in USD for us-east-1, with regional
//! multipliers. Savings are estimates for prioritising work, not a bill.

/// Hours in the average month, as AWS prices a month.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Prices as published for us-east-1 (Linux, on-demand).
#[derive(Debug)]
pub struct PriceTable {
    /// The day the prices were taken.
    pub taken_on: &'static str,
    /// USD per hour by instance type.
    pub ec2_hourly: &'static [(&'static str, f64)],
    /// USD per GB-month by EBS volume type.
    pub ebs_gb_month: &'static [(&'static str, f64)],
    /// USD per provisioned IOPS-month for io1/io2.
    pub ebs_piops_month: f64,
    pub snapshot_gb_month: f64,
    /// An Elastic IP not attached to a running instance (every public IPv4 address).
    pub eip_hourly: f64,
    pub nat_gateway_hourly: f64,
    /// Approximate price level of a region relative to us-east-1; unknown regions use 1.1.
    pub region_multiplier: &'static [(&'static str, f64)],
}

pub static PRICES: PriceTable = PriceTable {
    taken_on: "2026-10-01",
    ec2_hourly: &[
        ("t2.micro", 0.0116),
        ("t2.medium", 0.0464),
        ("t2.large", 0.0928),
        ("t3.micro", 0.0104),
        ("t3.small", 0.0208),
        ("t3.medium", 0.0416),
        ("t3.large", 0.0832),
        ("t3.xlarge", 0.1664),
        ("t4g.micro", 0.0084),
        ("t4g.medium", 0.0336),
        ("t4g.large", 0.0672),
        ("m4.large", 0.10),
        ("m4.xlarge", 0.20),
        ("m5.large", 0.096),
        ("m5.xlarge", 0.192),
        ("m5.2xlarge", 0.384),
        ("m6i.large", 0.096),
        ("m6i.xlarge", 0.192),
        ("m6g.large", 0.077),
        ("m6g.xlarge", 0.154),
        ("m7g.large", 0.0816),
        ("m7g.xlarge", 0.1632),
        ("c4.large", 0.10),
        ("c4.xlarge", 0.199),
        ("c5.large", 0.085),
        ("c5.xlarge", 0.17),
        ("c5.2xlarge", 0.34),
        ("c6g.large", 0.068),
        ("c6g.xlarge", 0.136),
        ("c7g.large", 0.0725),
        ("r4.large", 0.133),
        ("r5.large", 0.126),
        ("r5.xlarge", 0.252),
        ("r6g.large", 0.1008),
        ("r6g.xlarge", 0.2016),
    ],
    ebs_gb_month: &[
        ("gp2", 0.10),
        ("gp3", 0.08),
        ("io1", 0.125),
        ("io2", 0.125),
        ("st1", 0.045),
        ("sc1", 0.015),
        ("standard", 0.05),
    ],
    ebs_piops_month: 0.065,
    snapshot_gb_month: 0.05,
    eip_hourly: 0.005,
    nat_gateway_hourly: 0.045,
    region_multiplier: &[
        ("us-east-1", 1.0),
        ("us-east-2", 1.0),
        ("us-west-2", 1.0),
        ("us-west-1", 1.12),
        ("ca-central-1", 1.08),
        ("eu-west-1", 1.06),
        ("eu-west-2", 1.10),
        ("eu-west-3", 1.10),
        ("eu-central-1", 1.14),
        ("eu-north-1", 1.02),
        ("ap-northeast-1", 1.24),
        ("ap-northeast-2", 1.18),
        ("ap-southeast-1", 1.20),
        ("ap-southeast-2", 1.20),
        ("ap-south-1", 1.05),
        ("sa-east-1", 1.55),
    ],
};

impl PriceTable {
    fn multiplier(&self, region: &str) -> f64 {
        lookup(self.region_multiplier, region).unwrap_or(1.1)
    }

    /// Monthly on-demand cost of an instance type; `None` for a type not in the table.
    pub fn ec2_monthly(&self, instance_type: &str, region: &str) -> Option<f64> {
        lookup(self.ec2_hourly, instance_type)
            .map(|h| h * HOURS_PER_MONTH * self.multiplier(region))
    }

    /// Monthly cost of an EBS volume's storage and provisioned IOPS.
    pub fn ebs_monthly(
        &self,
        volume_type: &str,
        size_gib: u32,
        iops: Option<u32>,
        region: &str,
    ) -> f64 {
        let per_gb = lookup(self.ebs_gb_month, volume_type).unwrap_or(0.10);
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
}

fn lookup(table: &[(&str, f64)], key: &str) -> Option<f64> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_prices_scale_by_hours_and_region() {
        let m5 = PRICES.ec2_monthly("m5.large", "us-east-1").unwrap();
        assert!((m5 - 70.08).abs() < 0.01);
        assert!(PRICES.ec2_monthly("m5.large", "ap-northeast-1").unwrap() > m5);
        assert_eq!(PRICES.ec2_monthly("x9.huge", "us-east-1"), None);
        assert!((PRICES.ebs_monthly("io1", 100, Some(1000), "us-east-1") - 77.5).abs() < 0.01);
    }
}
