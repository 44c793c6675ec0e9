//! Task definitions with containers whose output nobody collects: when a task fails, its logs
//! are gone with it.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.task_without_logging",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security],
        best_practice: "OPS04-BP02",
        reads: &["ecs:DescribeTaskDefinition"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ECS task definition has containers without logging",
        action: "Send every container's logs to CloudWatch Logs or FireLens",
        remediation: "Give each container a logConfiguration (awslogs to a log group with retention, or awsfirelens), and allow the task execution role to write to it. Console: ECS > Task definitions > {id} > Create new revision > Container > Logging. Edit the JSON that describe-task-definition gives, then register it. CLI: aws ecs register-task-definition --region {region} --cli-input-json file://task-definition.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_ecs_task_definition) {
        let silent: Vec<&str> = t
            .containers
            .iter()
            .filter(|c| c.log_driver.is_none())
            .map(|c| c.name.as_str())
            .collect();
        out.record(resource, silent.is_empty(), || {
            format!("no log configuration: {}", silent.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::task;
    use crate::testing::failing;

    #[test]
    fn flags_containers_without_a_log_driver() {
        let silent = task("etl:2", |t| t.containers[0].log_driver = None);
        let logged = task("web:7", |_| {});
        assert_eq!(failing(&CHECK, vec![silent, logged]), ["etl:2"]);
    }
}
