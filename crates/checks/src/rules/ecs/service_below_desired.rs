//! ECS services running fewer tasks than they asked for: tasks are failing to start or to
//! stay up, and the service has less capacity than it was sized for.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.service_below_desired",
        pillar: Pillar::Reliability,
        related: &[Pillar::OperationalExcellence],
        best_practice: "REL11-BP03",
        reads: &["ecs:DescribeServices"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "ECS service runs fewer tasks than desired",
        action: "Find why tasks fail to start or stay running",
        remediation: "Read the service's events and its stopped tasks' stop reasons (image pull, health checks, memory, capacity), fix the cause and let the scheduler reach the desired count. Console: ECS > Clusters > CLUSTER > Services > SERVICE > Events. CLI: aws ecs describe-services --region {region} --cluster CLUSTER --services SERVICE --query \"services[0].events[:10]\"",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_ecs_service) {
        if s.status != "ACTIVE" {
            continue;
        }
        out.record(resource, s.running_count >= s.desired_count, || {
            format!(
                "{} of {} desired task(s) running",
                s.running_count, s.desired_count
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::service;
    use crate::testing::failing;

    #[test]
    fn flags_active_services_short_of_their_desired_count() {
        let short = service("web/api", |s| s.running_count = 1);
        let full = service("web/worker", |_| {});
        let draining = service("web/old", |s| {
            s.status = "DRAINING".into();
            s.running_count = 0;
        });
        assert_eq!(failing(&CHECK, vec![short, full, draining]), ["web/api"]);
    }
}
