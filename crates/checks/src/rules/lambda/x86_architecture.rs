//! Lambda functions on x86 that could run on arm64 (Graviton) for less energy and money.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.x86_architecture",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS05-BP02",
        reads: &["lambda:ListFunctions"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Lambda function runs on x86 where arm64 would do",
        action: "Move interpreted-runtime Lambda functions to arm64",
        remediation: "Functions on interpreted runtimes (Python, Node.js, Ruby, Java, .NET) usually run unchanged on \
            arm64, at about 20% lower duration price. Test, then switch the architecture. Console: Lambda > Functions \
            > {id} > Code > Runtime settings. CLI: aws lambda update-function-code --region {region} --function-name \
            {id} --architectures arm64 --zip-file fileb://function.zip",
    },
    evaluate,
};

/// Runtimes whose code does not depend on the processor architecture.
const PORTABLE_RUNTIMES: &[&str] = &["python", "nodejs", "ruby", "java", "dotnet"];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, function) in ctx.each(Resource::as_lambda_function) {
        let Some(runtime) = function.runtime.as_deref() else {
            continue;
        };
        if !PORTABLE_RUNTIMES.iter().any(|p| runtime.starts_with(p)) {
            continue;
        }
        let arm = function.architectures.iter().any(|a| a == "arm64");
        out.record(resource, arm, || {
            format!(
                "{runtime} function on x86_64 with {} MB",
                function.memory_mb
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::LambdaFunction;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_portable_runtimes_on_x86() {
        let function = |id: &str, runtime: Option<&str>, arch: &str| -> Resource {
            LambdaFunction {
                id: id.into(),
                runtime: runtime.map(String::from),
                architectures: vec![arch.into()],
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                function("py-x86", Some("python3.12"), "x86_64"),
                function("node-arm", Some("nodejs20.x"), "arm64"),
                function("custom", Some("provided.al2023"), "x86_64"),
                function("image", None, "x86_64"),
            ],
        );
        assert_eq!(fails, ["py-x86"]);
    }
}
