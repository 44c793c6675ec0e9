//! Task definitions whose containers are set to run as root. A container with no user set runs
//! as its image's user, which wellscan cannot read: such a task definition is not judged.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.task_root_user",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC06-BP02",
        reads: &["ecs:DescribeTaskDefinition"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ECS task definition runs a container as root",
        action: "Run containers as a non-root user",
        remediation: "Set the container's user to a non-root UID (and build the image with a USER), so a compromise of the process is not root in the container. Console: ECS > Task definitions > {id} > Create new revision > Container > Docker configuration > User. Edit the JSON that describe-task-definition gives, then register it. CLI: aws ecs register-task-definition --region {region} --cli-input-json file://task-definition.json",
    },
    evaluate,
};

/// `root`, UID 0, or either with a group.
fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user);
    name == "root" || name == "0"
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_ecs_task_definition) {
        let root: Vec<&str> = t
            .containers
            .iter()
            .filter(|c| c.user.as_deref().is_some_and(is_root))
            .map(|c| c.name.as_str())
            .collect();
        if root.is_empty() && t.containers.iter().any(|c| c.user.is_none()) {
            // The image decides who they run as.
            out.skip(resource);
            continue;
        }
        out.record(resource, root.is_empty(), || {
            format!("container(s) set to run as root: {}", root.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::task;
    use crate::testing::outcome;

    #[test]
    fn flags_containers_set_to_root_and_leaves_unset_users_unjudged() {
        let root = task("etl:2", |t| t.containers[0].user = Some("root".into()));
        let uid0 = task("cron:1", |t| t.containers[0].user = Some("0:0".into()));
        let app = task("web:7", |_| {});
        let unset = task("legacy:9", |t| t.containers[0].user = None);
        let outcome = outcome(&CHECK, vec![root, uid0, app, unset]);
        let failed: Vec<&str> = outcome.failures().iter().map(|f| f.resource_id()).collect();
        assert_eq!(failed, ["etl:2", "cron:1"]);
        assert_eq!((outcome.evaluated(), outcome.not_evaluated()), (3, 1));
    }
}
