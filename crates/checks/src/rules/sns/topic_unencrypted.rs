//! SNS topics that store messages unencrypted while they wait for delivery.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sns.topic_unencrypted",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &["sns:ListTopics", "sns:GetTopicAttributes"],
        facts: &[Fact::KmsKeyId],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "SNS topic is not encrypted",
        action: "Encrypt SNS topics with a KMS key",
        remediation: "Set a KMS key on the topic (alias/aws/sns, or a customer managed key when subscribers in \
            other accounts or services must decrypt). Console: SNS > Topics > {id} > Edit > Encryption. CLI: aws \
            sns set-topic-attributes --region {region} --topic-arn TOPIC_ARN --attribute-name KmsMasterKeyId \
            --attribute-value alias/aws/sns",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_sns_topic) {
        if out.unknown(resource, &[Fact::KmsKeyId]) {
            continue;
        }
        out.record(resource, t.kms_key_id.is_some(), || {
            "no KMS key: messages are stored unencrypted".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sns::topic;
    use crate::testing::failing;

    #[test]
    fn flags_topics_without_a_key() {
        let plain = topic("alerts", |t| t.kms_key_id = None);
        let keyed = topic("orders", |_| {});
        assert_eq!(failing(&CHECK, vec![plain, keyed]), ["alerts"]);
    }
}
