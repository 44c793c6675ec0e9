//! SQS queues that store messages unencrypted.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sqs.queue_unencrypted",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &["sqs:ListQueues", "sqs:GetQueueAttributes"],
        facts: &[Fact::Encrypted],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "SQS queue stores messages unencrypted",
        action: "Turn on server-side encryption for SQS queues",
        remediation: "Enable SQS-managed encryption (no cost, no key to manage) or a KMS key. Console: SQS > \
            Queues > {id} > Edit > Encryption. CLI: aws sqs set-queue-attributes --region {region} --queue-url \
            QUEUE_URL --attributes SqsManagedSseEnabled=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, q) in ctx.each(Resource::as_sqs_queue) {
        if out.unknown(resource, &[Fact::Encrypted]) {
            continue;
        }
        out.record(resource, q.encrypted, || {
            format!(
                "server-side encryption off, {} messages waiting",
                q.messages_visible
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sqs::queue;
    use crate::testing::failing;

    #[test]
    fn flags_unencrypted_queues() {
        let plain = queue("orders", |q| q.encrypted = false);
        let sse = queue("events", |_| {});
        let unread = queue("jobs", |q| {
            q.encrypted = false;
            q.unknown.mark(Fact::Encrypted);
        });
        assert_eq!(failing(&CHECK, vec![plain, sse, unread]), ["orders"]);
    }
}
