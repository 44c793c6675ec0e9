//! Lambda function URLs anyone on the internet can invoke.

use wellscan_model::{Fact, FunctionUrlAuth, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.url_without_auth",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP07",
        reads: &["lambda:ListFunctions", "lambda:GetFunctionUrlConfig"],
        facts: &[Fact::FunctionUrlAuth],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Function URL needs no authentication",
        action: "Require IAM auth on function URLs, or put them behind an API",
        remediation: "Set the URL's auth type to AWS_IAM (or front it with API Gateway and an authorizer). Console: Lambda > Functions > {id} > Configuration > Function URL > Edit > Auth type AWS_IAM. CLI: aws lambda update-function-url-config --region {region} --function-name {id} --auth-type AWS_IAM",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, f) in ctx.each(Resource::as_lambda_function) {
        if out.unknown(resource, &[Fact::FunctionUrlAuth]) {
            continue;
        }
        let Some(auth) = f.function_url_auth else {
            continue;
        };
        out.record(resource, auth != FunctionUrlAuth::None, || {
            "function URL with AuthType NONE".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::LambdaFunction;

    #[test]
    fn flags_urls_without_auth_and_ignores_functions_without_urls() {
        let f = |id: &str, auth: Option<FunctionUrlAuth>| -> Resource {
            LambdaFunction {
                id: id.into(),
                region: "us-east-1".into(),
                function_url_auth: auth,
                ..Default::default()
            }
            .into()
        };
        let out = outcome(
            &CHECK,
            vec![
                f("open", Some(FunctionUrlAuth::None)),
                f("iam", Some(FunctionUrlAuth::AwsIam)),
                f("no-url", None),
            ],
        );
        assert_eq!(out.evaluated(), 2);
        assert_eq!(out.failures()[0].resource_id(), "open");
        assert_eq!(out.failures().len(), 1);
    }
}
