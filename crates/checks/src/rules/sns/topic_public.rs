//! SNS topics whose policy lets anyone publish or subscribe.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sns.topic_public",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP07",
        reads: &["sns:ListTopics", "sns:GetTopicAttributes"],
        facts: &[Fact::PolicyPublic],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "SNS topic policy allows anyone",
        action: "Restrict SNS topic policies to named principals",
        remediation: "Replace `\"Principal\": \"*\"` with the accounts or services that publish and subscribe, or \
            add a condition (aws:SourceOwner, aws:PrincipalOrgID). Console: SNS > Topics > {id} > Edit > Access \
            policy. CLI: aws sns set-topic-attributes --region {region} --topic-arn TOPIC_ARN --attribute-name \
            Policy --attribute-value file://policy.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_sns_topic) {
        if out.unknown(resource, &[Fact::PolicyPublic]) {
            continue;
        }
        out.record(resource, !t.policy_public, || {
            "topic policy allows Principal \"*\" with no condition".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sns::topic;
    use crate::testing::failing;

    #[test]
    fn flags_topics_open_to_everyone() {
        let open = topic("public-feed", |t| t.policy_public = true);
        let closed = topic("orders", |_| {});
        assert_eq!(failing(&CHECK, vec![open, closed]), ["public-feed"]);
    }
}
