//! The demo account's DynamoDB tables.

use super::*;

impl Gen {
    /// A production application's session table, provisioned or on demand.
    pub(super) fn sessions_table(&mut self, region: &str, app: &App) {
        let table = format!("{}-{}-sessions", app.name, app.env);
        let provisioned = self.rng.chance(0.5);
        let idle = provisioned && self.rng.chance(0.5);
        let resource = DynamodbTable {
            unknown: Default::default(),
            arn: arn("dynamodb", region, &format!("table/{table}")),
            id: table,
            region: region.into(),
            tags: tags(&[("Owner", app.owner), ("Environment", app.env)]),
            billing_mode: if provisioned {
                "PROVISIONED"
            } else {
                "PAY_PER_REQUEST"
            }
            .into(),
            point_in_time_recovery: self.rng.chance(0.5),
            encryption: "AWS_OWNED".into(),
            table_class: "STANDARD".into(),
            read_capacity: provisioned.then_some(100),
            write_capacity: provisioned.then_some(50),
            item_count: self.rng.range(1_000, 5_000_000) as i64,
            size_bytes: self.rng.range(1_000_000, 40_000_000_000) as i64,
            consumed_reads: Some(MetricStats {
                average: if idle {
                    0.0
                } else {
                    self.rng.float(500_000.0, 4_000_000.0)
                },
                maximum: if idle { 0.0 } else { 6_000_000.0 },
                days: 14,
            }),
            consumed_writes: Some(MetricStats {
                average: if idle {
                    0.0
                } else {
                    self.rng.float(100_000.0, 2_000_000.0)
                },
                maximum: if idle { 0.0 } else { 3_000_000.0 },
                days: 14,
            }),
        };
        self.resources.push(resource.into());
    }
}
