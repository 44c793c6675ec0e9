//! SNS topics that deliver to plain-HTTP endpoints: every message crosses the network in
//! clear text.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sns.http_subscription",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP02",
        reads: &["sns:ListTopics", "sns:ListSubscriptionsByTopic"],
        facts: &[Fact::HttpSubscriptions],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "SNS topic delivers to plain-HTTP endpoints",
        action: "Subscribe HTTPS endpoints instead of HTTP",
        remediation: "Subscribe the endpoint's HTTPS address, confirm it, then remove the plain-HTTP subscription. \
            Console: SNS > Topics > {id} > Subscriptions. CLI: aws sns subscribe --region {region} --topic-arn \
            TOPIC_ARN --protocol https --notification-endpoint HTTPS_URL && aws sns unsubscribe --region \
            {region} --subscription-arn HTTP_SUBSCRIPTION_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_sns_topic) {
        if out.unknown(resource, &[Fact::HttpSubscriptions]) {
            continue;
        }
        out.record(resource, t.http_subscriptions == 0, || {
            format!(
                "{} of {} subscriptions deliver over plain http",
                t.http_subscriptions, t.subscriptions
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sns::topic;
    use crate::testing::failing;

    #[test]
    fn flags_topics_with_http_subscribers() {
        let http = topic("webhooks", |t| {
            t.subscriptions = 2;
            t.http_subscriptions = 1;
        });
        let https = topic("orders", |_| {});
        assert_eq!(failing(&CHECK, vec![http, https]), ["webhooks"]);
    }
}
