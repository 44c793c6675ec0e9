//! SNS topics nobody subscribes to: what is published there reaches no one, including the
//! alarms that point at them.

use std::collections::HashMap;

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sns.topic_without_subscriptions",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Sustainability],
        best_practice: "OPS08-BP04",
        reads: &["sns:ListTopics", "sns:ListSubscriptionsByTopic"],
        facts: &[Fact::HttpSubscriptions],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "SNS topic has no subscriptions",
        action: "Subscribe someone to every alerting topic, or delete the topic",
        remediation: "Subscribe the team's on-call endpoint (email, chat webhook, paging service) to the topic, or \
            delete it if nothing publishes there any more. Console: SNS > Topics > {id} > Create subscription. \
            CLI: aws sns subscribe --region {region} --topic-arn TOPIC_ARN --protocol email \
            --notification-endpoint ONCALL_ADDRESS",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let mut notified: HashMap<&str, usize> = HashMap::new();
    for (_, alarm) in ctx.each(Resource::as_cloudwatch_alarm) {
        for action in &alarm.alarm_actions {
            *notified.entry(action.as_str()).or_default() += 1;
        }
    }
    for (resource, t) in ctx.each(Resource::as_sns_topic) {
        if out.unknown(resource, &[Fact::HttpSubscriptions]) {
            continue;
        }
        let alarms = notified.get(t.arn.as_str()).copied().unwrap_or(0);
        out.record(resource, t.subscriptions > 0, || {
            if alarms > 0 {
                format!("no subscriptions, yet {alarms} alarm(s) notify it")
            } else {
                "no subscriptions".to_string()
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::CloudwatchAlarm;

    use super::*;
    use crate::rules::sns::topic;
    use crate::testing::outcome;

    #[test]
    fn flags_topics_nobody_hears_and_counts_the_alarms_that_use_them() {
        let silent = topic("oncall", |t| t.subscriptions = 0);
        let heard = topic("orders", |_| {});
        let alarm = CloudwatchAlarm {
            id: "api-5xx".into(),
            alarm_actions: vec!["arn:aws:sns:us-east-1:111122223333:oncall".into()],
            ..Default::default()
        };
        let run = outcome(&CHECK, vec![silent, heard, alarm.into()]);
        let failed: Vec<_> = run.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(failed, ["no subscriptions, yet 1 alarm(s) notify it"]);
    }
}
