//! Fargate task definitions on x86: Fargate's Graviton (ARM64) tasks do the same work for about
//! a fifth less, and less energy, once the images are built for arm64.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.task_x86_on_fargate",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS05-BP02",
        reads: &["ecs:DescribeTaskDefinition"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "ECS Fargate task definition could run on Graviton",
        action: "Run Fargate tasks on ARM64",
        remediation: "Build the images for arm64 too (multi-architecture), register a revision with runtimePlatform cpuArchitecture ARM64 and deploy it. Console: ECS > Task definitions > {id} > Create new revision > Environment > Operating system/Architecture. CLI: aws ecs register-task-definition --region {region} --cli-input-json file://task-definition.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_ecs_task_definition) {
        // Only Fargate chooses the architecture per task; EC2 tasks run on their instances'.
        if !t.compatibilities.iter().any(|c| c == "FARGATE") {
            continue;
        }
        let arm = t.cpu_architecture.as_deref() == Some("ARM64");
        out.record(resource, arm, || {
            format!(
                "Fargate task on {} for {} container(s)",
                t.cpu_architecture.as_deref().unwrap_or("X86_64"),
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
    fn flags_fargate_tasks_not_on_arm() {
        let x86 = task("web:7", |t| t.cpu_architecture = None);
        let arm = task("api:3", |t| t.cpu_architecture = Some("ARM64".into()));
        let ec2 = task("agent:3", |t| t.compatibilities = vec!["EC2".into()]);
        assert_eq!(failing(&CHECK, vec![x86, arm, ec2]), ["web:7"]);
    }
}
