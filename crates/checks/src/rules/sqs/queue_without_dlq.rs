//! SQS queues with no dead-letter queue: a message that always fails is received again and
//! again until it expires, and then it is gone with no trace.
//!
//! A queue something names as where its failures go (another queue's redrive policy, a Lambda
//! function's dead-letter queue or on-failure destination) is a dead-letter queue, not a work
//! queue. When what might name it could not be read in its region, the queue is not judged.

use std::collections::BTreeSet;

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sqs.queue_without_dlq",
        pillar: Pillar::Reliability,
        related: &[Pillar::OperationalExcellence],
        best_practice: "REL05-BP04",
        reads: &[
            "sqs:ListQueues",
            "sqs:GetQueueAttributes",
            "lambda:ListFunctions",
            "lambda:ListFunctionEventInvokeConfigs",
        ],
        facts: &[Fact::DeadLetterQueue],
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
    let targets = dead_letter_targets(ctx);
    let unread = regions_with_unread_namers(ctx);
    for (resource, q) in ctx.each(Resource::as_sqs_queue) {
        if q.is_dead_letter_queue || targets.contains(q.arn.as_str()) {
            continue;
        }
        if out.unknown(resource, &[Fact::DeadLetterQueue]) {
            continue;
        }
        if q.dead_letter_queue.is_some() {
            out.pass();
        } else if unread.contains(q.region.as_str())
            || ctx.unread(&q.region, "sqs", "ListQueues")
            || ctx.unread(&q.region, "lambda", "ListFunctions")
        {
            out.skip(resource);
        } else {
            out.fail(
                resource,
                "no redrive policy: failing messages are retried until they expire",
            );
        }
    }
}

/// Every ARN the inventory names as where failed messages or events go.
fn dead_letter_targets<'a>(ctx: &Context<'a>) -> BTreeSet<&'a str> {
    let queues = ctx
        .each(Resource::as_sqs_queue)
        .filter_map(|(_, q)| q.dead_letter_queue.as_deref());
    let functions = ctx.each(Resource::as_lambda_function).flat_map(|(_, f)| {
        [
            f.dead_letter_target.as_deref(),
            f.on_failure_destination.as_deref(),
        ]
        .into_iter()
        .flatten()
    });
    queues.chain(functions).collect()
}

/// The regions where something that could name a queue as its dead-letter target was not read:
/// a queue's attributes or a function's invoke configuration (failed listings are the
/// coverage gaps, asked per queue).
fn regions_with_unread_namers<'a>(ctx: &Context<'a>) -> BTreeSet<&'a str> {
    let queues = ctx
        .each(Resource::as_sqs_queue)
        .filter(|(r, _)| r.unknown().any(&[Fact::DeadLetterQueue]))
        .map(|(_, q)| q.region.as_str());
    let functions = ctx
        .each(Resource::as_lambda_function)
        .filter(|(r, _)| r.unknown().any(&[Fact::InvokedAsync]))
        .map(|(_, f)| f.region.as_str());
    queues.chain(functions).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wellscan_model::LambdaFunction;

    use crate::rules::sqs::queue;
    use crate::testing::{failing, inventory, outcome, run, with_gap};

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

    fn function(id: &str, f: impl FnOnce(&mut LambdaFunction)) -> Resource {
        let mut function = LambdaFunction {
            id: id.into(),
            region: "us-east-1".into(),
            ..Default::default()
        };
        f(&mut function);
        function.into()
    }

    fn bare(id: &str) -> Resource {
        queue(id, |q| {
            q.region = "us-east-1".into();
            q.dead_letter_queue = None;
        })
    }

    fn arn(id: &str) -> String {
        format!("arn:aws:sqs:us-east-1:111122223333:{id}")
    }

    #[test]
    fn a_queue_a_function_sends_its_failures_to_is_a_dead_letter_queue() {
        let dlq = function("resize", |f| f.dead_letter_target = Some(arn("resize-dlq")));
        let destination = function("bill", |f| {
            f.on_failure_destination = Some(arn("bill-failures"))
        });
        let resources = vec![
            bare("resize-dlq"),
            bare("bill-failures"),
            bare("orders"),
            dlq,
            destination,
        ];
        assert_eq!(failing(&CHECK, resources), ["orders"]);
    }

    #[test]
    fn a_queue_is_not_judged_when_what_could_name_it_was_not_read() {
        let unread_queue = queue("other", |q| {
            q.region = "us-east-1".into();
            q.unknown.mark(Fact::DeadLetterQueue);
        });
        let outcome = outcome(&CHECK, vec![bare("orders-dlq"), unread_queue]);
        assert!(outcome.failures().is_empty());
        assert_eq!(outcome.not_evaluated(), 2);

        let unread_function = function("resize", |f| f.unknown.mark(Fact::InvokedAsync));
        let outcome = outcome_of(vec![bare("resize-dlq"), unread_function]);
        assert!(outcome.failures().is_empty());
        assert_eq!(outcome.not_evaluated(), 1);
    }

    #[test]
    fn a_queue_is_not_judged_when_the_function_listing_failed_in_its_region() {
        let inventory = with_gap(
            inventory(vec![bare("resize-dlq")]),
            "us-east-1",
            "lambda",
            "ListFunctions",
        );
        let outcome = run(&CHECK, &inventory);
        assert!(outcome.failures().is_empty());
        assert_eq!(outcome.not_evaluated(), 1);
    }

    fn outcome_of(resources: Vec<Resource>) -> Outcome {
        outcome(&CHECK, resources)
    }
}
