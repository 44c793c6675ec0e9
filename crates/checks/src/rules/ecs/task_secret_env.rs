//! Task definitions that put secrets in plain environment variables: anyone who can describe
//! the task definition reads them. Only the names are known; wellscan never keeps the values.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.task_secret_env",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC02-BP03",
        reads: &["ecs:DescribeTaskDefinition"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Secret in ECS task definition environment",
        action: "Inject secrets from Secrets Manager or Parameter Store",
        remediation: "Store the value in AWS Secrets Manager (or SSM Parameter Store SecureString), reference it in the container's secrets (valueFrom) so ECS injects it at start, give the task execution role read access, and register a new revision without the variable. Console: ECS > Task definitions > {id} > Create new revision > Container > Environment variables. CLI: aws secretsmanager create-secret --region {region} --name NAME --secret-string VALUE",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_ecs_task_definition) {
        let named: Vec<String> = t
            .containers
            .iter()
            .flat_map(|c| {
                c.secret_like_variables
                    .iter()
                    .map(move |v| format!("{}: {v}", c.name))
            })
            .collect();
        out.record(resource, named.is_empty(), || {
            format!(
                "plain environment variables holding secrets: {}",
                named.join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::task;
    use crate::testing::failing;

    #[test]
    fn flags_secret_like_variables_by_container() {
        let leaky = task("billing:4", |t| {
            t.containers[0].secret_like_variables = vec!["STRIPE_API_KEY".into()]
        });
        let injected = task("web:7", |t| t.containers[0].injected_secrets = 2);
        assert_eq!(failing(&CHECK, vec![leaky, injected]), ["billing:4"]);
    }
}
