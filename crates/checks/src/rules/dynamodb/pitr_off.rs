//! DynamoDB tables that cannot be restored to a point in time.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "dynamodb.pitr_off",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL09-BP03",
        reads: &["dynamodb:ListTables", "dynamodb:DescribeContinuousBackups"],
        facts: &[Fact::PointInTimeRecovery],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "DynamoDB table has no point-in-time recovery",
        action: "Turn on point-in-time recovery for DynamoDB tables",
        remediation: "Enable continuous backups so the table can be restored to any second of the last 35 days. Console: \
            DynamoDB > Tables > {id} > Backups > Point-in-time recovery. CLI: aws dynamodb \
            update-continuous-backups --region {region} --table-name {id} \
            --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, table) in ctx.each(Resource::as_dynamodb_table) {
        if out.unknown(resource, &[Fact::PointInTimeRecovery]) {
            continue;
        }
        out.record(resource, table.point_in_time_recovery, || {
            format!("{} items, point-in-time recovery off", table.item_count)
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::DynamodbTable;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_tables_without_pitr() {
        let table = |id: &str, pitr| -> Resource {
            DynamodbTable {
                id: id.into(),
                point_in_time_recovery: pitr,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![table("sessions", false), table("orders", true)]
            ),
            ["sessions"]
        );
    }
}
