//! SQS queues with no dead-letter queue: a message that always fails is received again and
//! again until it expires, and then it is gone with no trace.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sqs.queue_without_dlq",
        pillar: Pillar::Reliability,
        related: &[Pillar::OperationalExcellence],
        best_practice: "REL05-BP04",
        reads: &["sqs:ListQueues", "sqs:GetQueueAttributes"],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "SQS queue has no dead-letter queue",
        action: "Give every work queue a dead-letter queue and alarm on its depth",
        remediation: "Create a dead-letter queue, set a redrive policy on this queue (maxReceiveCount 3 to 5) and \
            alarm when the dead-letter queue is not empty. Console: SQS > Queues > {id} > Edit > Dead-letter \
            queue. CLI: aws sqs set-queue-attributes --region {region} --queue-url QUEUE_URL --attributes \
            '{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"DLQ_ARN\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"}'",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, q) in ctx.each(Resource::as_sqs_queue) {
        if q.is_dead_letter_queue || out.unknown(resource, &[Fact::DeadLetterQueue]) {
            continue;
        }
        out.record(resource, q.dead_letter_queue.is_some(), || {
            "no redrive policy: failing messages are retried until they expire".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sqs::queue;
    use crate::testing::failing;

    #[test]
    fn flags_work_queues_without_a_dead_letter_queue() {
        let bare = queue("orders", |q| q.dead_letter_queue = None);
        let redriven = queue("events", |_| {});
        let dlq = queue("orders-dlq", |q| {
            q.dead_letter_queue = None;
            q.is_dead_letter_queue = true;
        });
        assert_eq!(failing(&CHECK, vec![bare, redriven, dlq]), ["orders"]);
    }
}
