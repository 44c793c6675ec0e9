//! Lambda functions without active X-Ray tracing.

use wellscan_model::{Pillar, Resource, Severity, TracingMode};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.tracing_disabled",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Reliability],
        best_practice: "OPS04-BP05",
        reads: &["lambda:ListFunctions"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Lambda function is not traced",
        action: "Turn on active tracing for Lambda functions",
        remediation: "Set the tracing mode to Active (the execution role needs xray:PutTraceSegments). Console: \
            Lambda > Functions > {id} > Configuration > Monitoring and operations tools. CLI: aws lambda \
            update-function-configuration --region {region} --function-name {id} --tracing-config Mode=Active",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, function) in ctx.each(Resource::as_lambda_function) {
        out.record(resource, function.tracing == TracingMode::Active, || {
            "tracing mode is PassThrough: invocations are not traced".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::LambdaFunction;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_pass_through_tracing() {
        let function = |id: &str, tracing| -> Resource {
            LambdaFunction {
                id: id.into(),
                tracing,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![
                    function("dark", TracingMode::PassThrough),
                    function("traced", TracingMode::Active)
                ]
            ),
            ["dark"]
        );
    }
}
