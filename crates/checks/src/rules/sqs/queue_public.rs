//! SQS queues whose policy lets anyone send, receive or delete messages.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sqs.queue_public",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP07",
        reads: &["sqs:ListQueues", "sqs:GetQueueAttributes"],
        facts: &[Fact::PolicyPublic],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "SQS queue policy allows anyone",
        action: "Restrict SQS queue policies to named principals",
        remediation: "Replace `\"Principal\": \"*\"` with the accounts, roles or services that use the queue, or \
            add a condition (aws:SourceArn, aws:PrincipalOrgID). Console: SQS > Queues > {id} > Access policy > \
            Edit. CLI: aws sqs set-queue-attributes --region {region} --queue-url QUEUE_URL --attributes \
            file://policy.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, q) in ctx.each(Resource::as_sqs_queue) {
        if out.unknown(resource, &[Fact::PolicyPublic]) {
            continue;
        }
        out.record(resource, !q.policy_public, || {
            "queue policy allows Principal \"*\" with no condition".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sqs::queue;
    use crate::testing::failing;

    #[test]
    fn flags_queues_open_to_everyone() {
        let open = queue("webhooks", |q| q.policy_public = true);
        let closed = queue("events", |_| {});
        assert_eq!(failing(&CHECK, vec![open, closed]), ["webhooks"]);
    }
}
