//! Functions given far more memory than their duration needs.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.memory_oversized",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST06-BP02",
        reads: &["lambda:ListFunctions", "cloudwatch:GetMetricData"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "Lambda memory is over-provisioned",
        action: "Right-size Lambda memory (AWS Lambda Power Tuning)",
        remediation: "Measure with AWS Lambda Power Tuning or Compute Optimizer and lower the memory size. Console: Lambda > Functions > {id} > Configuration > General configuration > Edit. CLI: aws lambda update-function-configuration --region {region} --function-name {id} --memory-size 512",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, f) in ctx.each(Resource::as_lambda_function) {
        let (Some(duration), Some(invocations)) = (f.duration_ms, f.invocations) else {
            continue;
        };
        // Large memory for short, light work: halving it costs little time.
        let oversized =
            f.memory_mb >= 1024 && duration.average < 100.0 && duration.maximum < 1000.0;
        if oversized {
            let arch = f
                .architectures
                .first()
                .map(String::as_str)
                .unwrap_or("x86_64");
            let monthly_invocations = invocations.average * 30.0;
            let gb_seconds =
                monthly_invocations * duration.average / 1000.0 * f64::from(f.memory_mb) / 1024.0;
            let savings = ctx.prices.lambda_monthly(arch, gb_seconds / 2.0, &f.region);
            out.fail_with_savings(
                resource,
                format!(
                    "{} MB for an average duration of {:.0} ms (maximum {:.0} ms)",
                    f.memory_mb, duration.average, duration.maximum
                ),
                Some(savings),
            );
        } else {
            out.pass();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{LambdaFunction, MetricStats};

    fn f(id: &str, memory: u32, avg_ms: f64) -> Resource {
        LambdaFunction {
            id: id.into(),
            region: "us-east-1".into(),
            memory_mb: memory,
            invocations: Some(MetricStats {
                average: 100_000.0,
                maximum: 150_000.0,
                days: 14,
            }),
            duration_ms: Some(MetricStats {
                average: avg_ms,
                maximum: avg_ms * 3.0,
                days: 14,
            }),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_large_memory_for_short_work_with_half_the_duration_cost_saved() {
        assert_eq!(
            failing(
                &CHECK,
                vec![
                    f("big", 3008, 40.0),
                    f("busy", 3008, 2000.0),
                    f("small", 256, 40.0)
                ]
            ),
            ["big"]
        );
        let out = outcome(&CHECK, vec![f("big", 2048, 50.0)]);
        // 3,000,000 invocations × 0.05 s × 2 GB = 300,000 GB-s; half saved.
        let saved = out.failures()[0].monthly_savings_usd().expect("savings");
        assert!((saved - 2.5).abs() < 0.01, "{saved}");
    }
}
