//! Lambda environment variables whose names say they hold secrets.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "lambda.env_secret_like",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC02-BP03",
        reads: &["lambda:ListFunctions"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Secret in Lambda environment variables",
        action: "Move secrets to Secrets Manager or Parameter Store",
        remediation: "Store the value in AWS Secrets Manager (or SSM Parameter Store SecureString), grant the function's role read access, read it at start-up and remove the variable. Console: Lambda > Functions > {id} > Configuration > Environment variables. CLI: aws secretsmanager create-secret --region {region} --name {id}/SECRET --secret-string VALUE",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, f) in ctx.each(Resource::as_lambda_function) {
        // Only names are known: wellscan never reads the values.
        out.record(resource, f.secret_like_variables.is_empty(), || {
            format!(
                "variables named like secrets: {}",
                f.secret_like_variables.join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::LambdaFunction;

    #[test]
    fn flags_functions_with_secret_like_names() {
        let f = |id: &str, secrets: &[&str]| -> Resource {
            LambdaFunction {
                id: id.into(),
                region: "us-east-1".into(),
                secret_like_variables: secrets.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(&CHECK, vec![f("leaky", &["DB_PASSWORD"]), f("clean", &[])]),
            ["leaky"]
        );
    }
}
