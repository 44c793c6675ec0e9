//! Alarms that notify nobody when they fire.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch.alarm_without_actions",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Reliability],
        best_practice: "OPS08-BP04",
        reads: &["cloudwatch:DescribeAlarms"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "CloudWatch alarm has no action",
        action: "Route every alarm to a team through SNS or an incident tool",
        remediation: "Add an alarm action (an SNS topic that pages the owning team, or an automated response). \
            put-metric-alarm replaces the whole alarm: repeat the metric, statistic, period and threshold that \
            describe-alarms shows. Console: CloudWatch > Alarms > {id} > Edit > Configure actions. CLI: aws \
            cloudwatch describe-alarms --region {region} --alarm-names {id} && aws cloudwatch put-metric-alarm \
            --region {region} --alarm-name {id} --alarm-actions SNS_TOPIC_ARN --namespace NAMESPACE --metric-name \
            METRIC --statistic Average --period 300 --evaluation-periods 1 --threshold THRESHOLD \
            --comparison-operator OPERATOR",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, alarm) in ctx.each(Resource::as_cloudwatch_alarm) {
        let acts = alarm.actions_enabled && !alarm.alarm_actions.is_empty();
        out.record(resource, acts, || {
            let metric = format!("{}/{}", alarm.namespace, alarm.metric_name);
            if alarm.alarm_actions.is_empty() {
                format!("alarm on {metric} has no alarm action")
            } else {
                format!("alarm on {metric} has actions but they are disabled")
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::CloudwatchAlarm;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_alarms_without_enabled_actions() {
        let alarm = |id: &str, enabled, actions: &[&str]| -> Resource {
            CloudwatchAlarm {
                id: id.into(),
                actions_enabled: enabled,
                alarm_actions: actions.iter().map(|a| a.to_string()).collect(),
                ..Default::default()
            }
            .into()
        };
        let sns = "arn:aws:sns:us-east-1:123456789012:oncall";
        let fails = failing(
            &CHECK,
            vec![
                alarm("silent", true, &[]),
                alarm("muted", false, &[sns]),
                alarm("paging", true, &[sns]),
            ],
        );
        assert_eq!(fails, ["silent", "muted"]);
    }
}
