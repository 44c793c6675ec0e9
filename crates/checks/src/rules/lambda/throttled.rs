//! Functions whose invocations were throttled in the last two weeks.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.throttled",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::Reliability],
        best_practice: "PERF02-BP05",
        reads: &[
            "lambda:ListFunctions",
            "lambda:GetFunctionConcurrency",
            "cloudwatch:GetMetricData",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "Lambda invocations are throttled",
        action: "Raise reserved concurrency or the account limit; smooth bursts",
        remediation: "Check the function's reserved concurrency and the account's concurrency quota; raise the one that binds, or buffer bursts through SQS. Console: Lambda > Functions > {id} > Configuration > Concurrency. CLI: aws lambda put-function-concurrency --region {region} --function-name {id} --reserved-concurrent-executions N",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, f) in ctx.each(Resource::as_lambda_function) {
        let Some(throttles) = f.throttles else {
            continue;
        };
        out.record(resource, throttles.maximum <= 0.0, || {
            let reserved = f
                .reserved_concurrency
                .map(|c| format!("; reserved concurrency {c}"))
                .unwrap_or_default();
            format!(
                "throttled on {}, up to {:.0} in a day{reserved}",
                crate::days(throttles.days),
                throttles.maximum
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{LambdaFunction, MetricStats};

    #[test]
    fn flags_functions_with_any_throttles() {
        let f = |id: &str, max: f64| -> Resource {
            LambdaFunction {
                id: id.into(),
                region: "us-east-1".into(),
                throttles: Some(MetricStats {
                    average: max / 2.0,
                    maximum: max,
                    days: 14,
                }),
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(&CHECK, vec![f("hot", 40.0), f("calm", 0.0)]),
            ["hot"]
        );
    }
}
