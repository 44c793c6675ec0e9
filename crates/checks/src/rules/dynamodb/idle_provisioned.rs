//! Provisioned tables that use a small part of what they pay for.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "dynamodb.idle_provisioned",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS02-BP01",
        reads: &[
            "dynamodb:ListTables",
            "dynamodb:DescribeTable",
            "cloudwatch:GetMetricData",
        ],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "DynamoDB provisioned capacity is mostly idle",
        action: "Switch to on-demand or auto scaling for low, spiky use",
        remediation: "Switch the table to on-demand capacity, or add auto scaling with a lower minimum. Console: DynamoDB > Tables > {id} > Additional settings > Read/write capacity > Edit. CLI: aws dynamodb update-table --region {region} --table-name {id} --billing-mode PAY_PER_REQUEST",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, table) in ctx.each(Resource::as_dynamodb_table) {
        if table.billing_mode != "PROVISIONED" {
            continue;
        }
        let (Some(rcu), Some(wcu), Some(reads), Some(writes)) = (
            table.read_capacity,
            table.write_capacity,
            table.consumed_reads,
            table.consumed_writes,
        ) else {
            continue;
        };
        // Consumed capacity is summed per day; provisioned is per second.
        let used =
            |consumed: f64, provisioned: i64| consumed / 86_400.0 / (provisioned.max(1) as f64);
        let (r, w) = (used(reads.average, rcu), used(writes.average, wcu));
        if r < 0.1 && w < 0.1 {
            let cost = ctx
                .prices
                .dynamodb_provisioned_monthly(rcu, wcu, &table.region);
            out.fail_with_savings(
                resource,
                format!(
                    "uses {:.0}% of {rcu} RCU and {:.0}% of {wcu} WCU on average",
                    r * 100.0,
                    w * 100.0
                ),
                Some(cost * 0.8),
            );
        } else {
            out.pass();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{DynamodbTable, MetricStats};

    fn table(id: &str, reads_per_day: f64) -> Resource {
        DynamodbTable {
            id: id.into(),
            region: "us-east-1".into(),
            billing_mode: "PROVISIONED".into(),
            read_capacity: Some(100),
            write_capacity: Some(10),
            consumed_reads: Some(MetricStats {
                average: reads_per_day,
                maximum: reads_per_day,
                days: 14,
            }),
            consumed_writes: Some(MetricStats {
                average: 0.0,
                maximum: 0.0,
                days: 14,
            }),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_tables_using_under_a_tenth_of_their_capacity() {
        // 100 RCU for a day is 8,640,000 read units.
        let fails = failing(
            &CHECK,
            vec![table("quiet", 10_000.0), table("busy", 5_000_000.0)],
        );
        assert_eq!(fails, ["quiet"]);
    }
}
