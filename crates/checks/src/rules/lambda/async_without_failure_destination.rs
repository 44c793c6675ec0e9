//! Functions invoked asynchronously that drop failed events.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.async_without_failure_destination",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL05-BP04",
        reads: &[
            "lambda:ListFunctions",
            "lambda:ListFunctionEventInvokeConfigs",
            "cloudwatch:GetMetricData",
        ],
        facts: &[Fact::InvokedAsync],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Async Lambda drops failed events",
        action: "Give async functions an on-failure destination or a dead-letter queue",
        remediation: "Add an on-failure destination (SQS, SNS, EventBridge or Lambda) so failed events are kept. Console: Lambda > Functions > {id} > Configuration > Asynchronous invocation > Edit. CLI: aws lambda put-function-event-invoke-config --region {region} --function-name {id} --destination-config OnFailure={Destination=arn:aws:sqs:{region}:ACCOUNT:QUEUE}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, f) in ctx.each(Resource::as_lambda_function) {
        if out.unknown(resource, &[Fact::InvokedAsync]) || !f.invoked_async {
            continue;
        }
        let kept = f.dead_letter_target.is_some() || f.on_failure_destination.is_some();
        out.record(resource, kept, || {
            "invoked asynchronously with neither a dead-letter queue nor an on-failure destination"
                .into()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::LambdaFunction;

    #[test]
    fn flags_async_functions_without_somewhere_for_failures() {
        let f = |id: &str, dlq: Option<&str>, dest: Option<&str>, is_async: bool| -> Resource {
            LambdaFunction {
                id: id.into(),
                region: "us-east-1".into(),
                invoked_async: is_async,
                dead_letter_target: dlq.map(String::from),
                on_failure_destination: dest.map(String::from),
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                f("lossy", None, None, true),
                f("dlq", Some("arn:aws:sqs:us-east-1:1:dlq"), None, true),
                f("dest", None, Some("arn:aws:sns:us-east-1:1:t"), true),
                f("sync", None, None, false),
            ],
        );
        assert_eq!(fails, ["lossy"]);
    }
}
