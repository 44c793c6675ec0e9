//! Log groups that keep too few days to investigate an incident.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "logs.retention_short",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC10-BP03",
        reads: &["logs:DescribeLogGroups"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Strengthens,
        title: "Log retention is too short for investigations",
        action: "Keep logs long enough to investigate (90 days or more)",
        remediation: "Raise the retention, or export the logs to S3 with a lifecycle policy. Console: CloudWatch > Log groups > {id} > Actions > Edit retention setting. CLI: aws logs put-retention-policy --region {region} --log-group-name {id} --retention-in-days 90",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let min = ctx.config.thresholds.log_retention_min_days;
    for (resource, g) in ctx.each(Resource::as_log_group) {
        // Never-expiring groups are the cost check's concern.
        let Some(days) = g.retention_days else {
            continue;
        };
        out.record(resource, days >= min, || {
            format!("keeps {} (at least {min} wanted)", crate::days(days))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::LogGroup;

    #[test]
    fn flags_groups_below_the_minimum_and_leaves_never_expiring_ones() {
        let g = |id: &str, days: Option<u32>| -> Resource {
            LogGroup {
                id: id.into(),
                region: "us-east-1".into(),
                retention_days: days,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![
                    g("short", Some(7)),
                    g("long", Some(365)),
                    g("forever", None)
                ]
            ),
            ["short"]
        );
    }
}
