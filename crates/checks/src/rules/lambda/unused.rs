//! Functions nobody has called in the metric window although they were deployed before it:
//! a retired job or a forgotten experiment, still holding its code, role, triggers and logs.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.unused",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization, Pillar::Security],
        best_practice: "SUS03-BP02",
        reads: &["lambda:ListFunctions", "cloudwatch:GetMetricData"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Lambda function has not been invoked",
        action: "Delete functions nobody calls, with their triggers and roles",
        remediation: "Confirm with the owner that nothing calls the function on a longer cycle (a monthly or yearly job), then delete it, its event source mappings and its execution role. Console: Lambda > Functions > {id} > Actions > Delete. CLI: aws lambda delete-function --region {region} --function-name {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, f) in ctx.each(Resource::as_lambda_function) {
        let Some(invocations) = f.invocations else {
            continue;
        };
        // A function deployed inside the window has not had the whole window to be called.
        let window = i64::from(invocations.days);
        match ctx.days_since(f.last_modified) {
            Some(age) if age >= window => {}
            _ => continue,
        }
        out.record(resource, invocations.maximum > 0.0, || {
            format!(
                "no invocations in {}; last deployed {}",
                crate::days(invocations.days),
                f.last_modified
                    .map(|t| t.date_naive().to_string())
                    .unwrap_or_default()
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{LambdaFunction, MetricStats};

    fn function(id: &str, calls: f64, deployed_days_ago: Option<i64>) -> Resource {
        LambdaFunction {
            id: id.into(),
            region: "us-east-1".into(),
            last_modified: deployed_days_ago.and_then(days_ago),
            invocations: Some(MetricStats {
                average: calls / 14.0,
                maximum: calls,
                days: 14,
            }),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_functions_deployed_before_the_window_and_never_called_in_it() {
        let fails = failing(
            &CHECK,
            vec![
                function("retired-export", 0.0, Some(120)),
                function("nightly", 31.0, Some(120)),
                function("just-shipped", 0.0, Some(3)),
                function("undated", 0.0, None),
            ],
        );
        assert_eq!(fails, ["retired-export"]);
    }

    #[test]
    fn a_function_without_its_metrics_is_not_judged() {
        let mut f = function("dark", 0.0, Some(120));
        if let Resource::LambdaFunction(l) = &mut f {
            l.invocations = None;
        }
        let out = outcome(&CHECK, vec![f]);
        assert_eq!((out.evaluated(), out.failures().len()), (0, 0));
    }
}
