//! Functions on runtimes AWS no longer patches.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.deprecated_runtime",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security, Pillar::Sustainability],
        best_practice: "OPS05-BP05",
        reads: &["lambda:ListFunctions"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Lambda runtime is deprecated",
        action: "Move functions to a supported runtime",
        remediation: "Update the code for a supported runtime, test, and switch the function over. Console: Lambda > Functions > {id} > Code > Runtime settings > Edit. CLI: aws lambda update-function-configuration --region {region} --function-name {id} --runtime python3.12",
    },
    evaluate,
};

/// Runtimes past their deprecation date (AWS Lambda runtime deprecation policy).
const DEPRECATED: &[&str] = &[
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "nodejs",
    "nodejs4.3",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "java8",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet5.0",
    "dotnet6",
    "ruby2.5",
    "ruby2.7",
    "go1.x",
    "provided",
];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, f) in ctx.each(Resource::as_lambda_function) {
        // Container images have no managed runtime.
        let Some(runtime) = f.runtime.as_deref() else {
            continue;
        };
        out.record(resource, !DEPRECATED.contains(&runtime), || {
            format!("runtime {runtime} no longer receives security patches")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::LambdaFunction;

    #[test]
    fn flags_deprecated_runtimes_only() {
        let f = |id: &str, runtime: Option<&str>| -> Resource {
            LambdaFunction {
                id: id.into(),
                region: "us-east-1".into(),
                runtime: runtime.map(String::from),
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                f("old", Some("python3.7")),
                f("node", Some("nodejs14.x")),
                f("new", Some("python3.12")),
                f("image", None),
            ],
        );
        assert_eq!(fails, ["old", "node"]);
    }
}
