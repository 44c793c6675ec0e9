//! ECS services deployed by rolling update without the deployment circuit breaker: a revision
//! whose tasks never become healthy keeps being retried, and nothing rolls it back.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.no_circuit_breaker",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Reliability],
        best_practice: "OPS06-BP04",
        reads: &["ecs:DescribeServices"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ECS service deploys without a circuit breaker and rollback",
        action: "Turn on the deployment circuit breaker with rollback",
        remediation: "Turn on the deployment circuit breaker with rollback, so a deployment whose tasks fail to start or pass health checks stops and returns to the last working revision. Console: ECS > Clusters > CLUSTER > Services > SERVICE > Update service > Deployment options > Deployment failure detection. CLI: aws ecs update-service --region {region} --cluster CLUSTER --service SERVICE --deployment-configuration \"deploymentCircuitBreaker={enable=true,rollback=true}\"",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_ecs_service) {
        // Blue/green (CodeDeploy) and external controllers roll back by their own rules.
        if s.deployment_controller != "ECS" {
            continue;
        }
        out.record(resource, s.circuit_breaker_rollback, || {
            if s.circuit_breaker {
                "the circuit breaker stops a failed deployment but does not roll it back".into()
            } else {
                "rolling deployments have no circuit breaker: a failing revision is retried, never rolled back".into()
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::service;
    use crate::testing::failing;

    #[test]
    fn flags_rolling_services_without_breaker_and_rollback() {
        let bare = service("web/api", |s| {
            s.circuit_breaker = false;
            s.circuit_breaker_rollback = false;
        });
        let stops_only = service("web/cart", |s| s.circuit_breaker_rollback = false);
        let safe = service("web/worker", |_| {});
        let blue_green = service("web/pay", |s| {
            s.deployment_controller = "CODE_DEPLOY".into();
            s.circuit_breaker = false;
            s.circuit_breaker_rollback = false;
        });
        assert_eq!(
            failing(&CHECK, vec![bare, stops_only, safe, blue_green]),
            ["web/api", "web/cart"]
        );
    }
}
