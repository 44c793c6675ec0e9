//! Alarms that have had no data for over a day: they can never fire.

use wellscan_model::{AlarmState, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch.alarm_insufficient_data",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Reliability],
        best_practice: "OPS08-BP04",
        reads: &["cloudwatch:DescribeAlarms"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Alarm stuck in INSUFFICIENT_DATA",
        action: "Fix or delete alarms that watch nothing",
        remediation: "Check the alarm's metric, namespace and dimensions against a resource that still exists; fix them or delete the alarm. Console: CloudWatch > Alarms > {id} > Edit. CLI: aws cloudwatch describe-alarms --region {region} --alarm-names {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, a) in ctx.each(Resource::as_cloudwatch_alarm) {
        let stuck = a.state == AlarmState::InsufficientData
            && ctx.days_since(a.state_since).is_none_or(|d| d >= 1);
        out.record(resource, !stuck, || {
            let since = ctx
                .days_since(a.state_since)
                .map(|d| format!(" for {}", crate::days(d)))
                .unwrap_or_default();
            format!(
                "{}/{} has had insufficient data{since}",
                a.namespace, a.metric_name
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::CloudwatchAlarm;

    #[test]
    fn flags_alarms_without_data_for_a_day() {
        let alarm = |id: &str, state: AlarmState, days: i64| -> Resource {
            CloudwatchAlarm {
                id: id.into(),
                region: "us-east-1".into(),
                state,
                state_since: days_ago(days),
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                alarm("dead", AlarmState::InsufficientData, 30),
                alarm("new", AlarmState::InsufficientData, 0),
                alarm("ok", AlarmState::Ok, 30),
            ],
        );
        assert_eq!(fails, ["dead"]);
    }
}
