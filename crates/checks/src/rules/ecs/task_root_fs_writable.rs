//! Task definitions whose containers can write to their root filesystem: an intruder can
//! change binaries and configuration of the running container.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.task_root_fs_writable",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC06-BP02",
        reads: &["ecs:DescribeTaskDefinition"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "ECS task definition lets containers write their root filesystem",
        action: "Make the root filesystem read-only",
        remediation: "Set readonlyRootFilesystem on each container and mount a volume (or bind mount) for the paths it must write. Console: ECS > Task definitions > {id} > Create new revision > Container > Storage > Read only root file system. Edit the JSON that describe-task-definition gives, then register it. CLI: aws ecs register-task-definition --region {region} --cli-input-json file://task-definition.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_ecs_task_definition) {
        let writable: Vec<&str> = t
            .containers
            .iter()
            .filter(|c| !c.read_only_root_filesystem)
            .map(|c| c.name.as_str())
            .collect();
        out.record(resource, writable.is_empty(), || {
            format!("writable root filesystem: {}", writable.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::task;
    use crate::testing::failing;

    #[test]
    fn flags_any_container_with_a_writable_root() {
        let writable = task("web:7", |t| {
            t.containers[0].read_only_root_filesystem = false
        });
        let sealed = task("api:3", |_| {});
        assert_eq!(failing(&CHECK, vec![writable, sealed]), ["web:7"]);
    }
}
