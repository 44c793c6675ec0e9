//! Task definitions with privileged containers: root on the container is root on the host, with
//! every device and kernel capability.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.task_privileged",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC06-BP02",
        reads: &["ecs:DescribeTaskDefinition"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "ECS task definition runs a privileged container",
        action: "Remove privileged mode",
        remediation: "Register a new revision without privileged mode; grant only the Linux capabilities the container needs (linuxParameters.capabilities.add) and deploy it. Console: ECS > Task definitions > {id} > Create new revision > Container > Privileged. Edit the JSON that describe-task-definition gives, then register it. CLI: aws ecs register-task-definition --region {region} --cli-input-json file://task-definition.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_ecs_task_definition) {
        let privileged: Vec<&str> = t
            .containers
            .iter()
            .filter(|c| c.privileged)
            .map(|c| c.name.as_str())
            .collect();
        out.record(resource, privileged.is_empty(), || {
            format!("privileged container(s): {}", privileged.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::task;
    use crate::testing::failing;

    #[test]
    fn flags_task_definitions_with_a_privileged_container() {
        let host_root = task("agent:3", |t| t.containers[0].privileged = true);
        let plain = task("web:7", |_| {});
        assert_eq!(failing(&CHECK, vec![host_root, plain]), ["agent:3"]);
    }
}
