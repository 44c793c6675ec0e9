//! Log groups that keep every event forever.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "logs.retention_never_expires",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP05",
        reads: &["logs:DescribeLogGroups"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "Log group keeps events forever",
        action: "Set a retention period on every log group",
        remediation: "Choose how long the logs are needed (export older ones to S3 if they must be kept) and set the \
            retention. Console: CloudWatch > Log groups > {id} > Actions > Edit retention setting. CLI: aws logs \
            put-retention-policy --region {region} --log-group-name {id} --retention-in-days 90",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, group) in ctx.each(Resource::as_log_group) {
        if group.retention_days.is_some() {
            out.pass();
            continue;
        }
        let gb = group.stored_bytes as f64 / 1e9;
        // With even ingestion since creation, a one-year retention removes what is older.
        let age = ctx.days_since(group.created_at).unwrap_or(0);
        let share = if age > KEEP_DAYS {
            (age - KEEP_DAYS) as f64 / age as f64
        } else {
            0.0
        };
        let bytes = (group.stored_bytes as f64 * share) as u64;
        let savings = (bytes > 0).then(|| ctx.prices.logs_monthly(bytes, &group.region));
        out.fail_with_savings(
            resource,
            format!(
                "retention: never expire; {gb:.1} GB stored over {}",
                crate::days(age)
            ),
            savings,
        );
    }
}

/// The retention the savings estimate assumes.
const KEEP_DAYS: i64 = 365;

#[cfg(test)]
mod tests {
    use wellscan_model::LogGroup;

    use super::*;
    use crate::testing::{days_ago, failing, outcome};

    #[test]
    fn flags_groups_without_retention() {
        let group = |id: &str, days| -> Resource {
            LogGroup {
                id: id.into(),
                retention_days: days,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![group("/forever", None), group("/month", Some(30))]
            ),
            ["/forever"]
        );
    }

    #[test]
    fn savings_are_the_storage_older_than_a_year() {
        let group: Resource = LogGroup {
            id: "/app/old".into(),
            region: "us-east-1".into(),
            stored_bytes: 200_000_000_000,
            created_at: days_ago(730),
            ..Default::default()
        }
        .into();
        // Half of 200 GB at $0.03 per GB-month.
        let out = outcome(&CHECK, vec![group]);
        assert_eq!(out.failures()[0].monthly_savings_usd(), Some(3.0));
    }
}
