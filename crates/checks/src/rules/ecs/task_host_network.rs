//! Task definitions on the host network mode: containers share the instance's network stack,
//! bypass the task's security groups and can reach the instance metadata service.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.task_host_network",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP02",
        reads: &["ecs:DescribeTaskDefinition"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ECS task definition uses the host network mode",
        action: "Use the awsvpc network mode",
        remediation: "Register a new revision with networkMode awsvpc, so each task has its own network interface and security groups. Console: ECS > Task definitions > {id} > Create new revision > Infrastructure requirements > Network mode. Edit the JSON that describe-task-definition gives, then register it. CLI: aws ecs register-task-definition --region {region} --cli-input-json file://task-definition.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_ecs_task_definition) {
        out.record(resource, t.network_mode != "host", || {
            format!(
                "network mode host for {} container(s): no task security group applies",
                t.containers.len()
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
    fn flags_the_host_network_mode() {
        let host = task("agent:3", |t| t.network_mode = "host".into());
        let vpc = task("web:7", |_| {});
        assert_eq!(failing(&CHECK, vec![host, vpc]), ["agent:3"]);
    }
}
