//! Load balancers with registered targets and not one of them healthy: whatever calls them is
//! failing now.
//!
//! Only targets known to be down count: a target group with health checks off (Lambda's
//! default, whose targets then read `unavailable`) is not judged on health, and a load balancer
//! fails only when none of its targets is healthy and some are down (failing their health
//! checks, or stopped).

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.no_healthy_targets",
        pillar: Pillar::Reliability,
        related: &[Pillar::OperationalExcellence],
        best_practice: "REL11-BP01",
        reads: &[
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
        ],
        facts: &[Fact::TargetGroups],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Load balancer has targets but none is healthy",
        action: "Restore healthy targets behind the load balancer, and alarm on HealthyHostCount",
        remediation: "Find why the targets fail their health checks (the reason is in the target group's \
            Targets tab), fix the targets or the health check, and alarm on HealthyHostCount < 1. Console: EC2 \
            > Target groups > GROUP > Targets. CLI: aws elbv2 describe-target-health --region {region} \
            --target-group-arn TARGET_GROUP_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if out.unknown(resource, &[Fact::TargetGroups]) {
            continue;
        }
        let registered: Vec<_> = lb
            .target_groups
            .iter()
            .filter(|g| g.targets > 0 && g.health_checks != Some(false))
            .collect();
        if registered.is_empty() {
            continue;
        }
        if registered.iter().any(|g| g.healthy > 0) {
            out.pass();
            continue;
        }
        // Inventories from before wellscan recorded health checks and unhealthy targets.
        if registered
            .iter()
            .any(|g| g.health_checks.is_none() || g.unhealthy.is_none())
        {
            out.skip(resource);
            continue;
        }
        let failing: Vec<String> = registered
            .iter()
            .filter(|g| g.unhealthy.is_some_and(|n| n > 0))
            .map(|g| {
                format!(
                    "{} (0 of {} healthy, {} down)",
                    g.name,
                    g.targets,
                    g.unhealthy.unwrap_or(0)
                )
            })
            .collect();
        out.record(resource, failing.is_empty(), || {
            format!("no healthy target: {}", failing.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::TargetGroupHealth;

    use super::*;
    use crate::rules::elbv2::lb;
    use crate::testing::{failing, outcome};

    fn group(targets: u32, healthy: u32) -> TargetGroupHealth {
        TargetGroupHealth {
            name: "web-tg".into(),
            targets,
            healthy,
            unhealthy: Some(targets - healthy),
            health_checks: Some(true),
        }
    }

    #[test]
    fn flags_load_balancers_whose_targets_all_fail() {
        let down = lb("shop", |l| l.target_groups = vec![group(3, 0)]);
        let up = lb("web", |l| l.target_groups = vec![group(3, 2), group(1, 0)]);
        let empty = lb("spare", |l| l.target_groups = vec![group(0, 0)]);
        assert_eq!(failing(&CHECK, vec![down, up, empty]), ["shop"]);
        let out = outcome(
            &CHECK,
            vec![lb("shop", |l| l.target_groups = vec![group(3, 0)])],
        );
        assert_eq!(
            out.failures()[0].evidence(),
            "no healthy target: web-tg (0 of 3 healthy, 3 down)"
        );
    }

    #[test]
    fn lambda_targets_without_health_checks_are_not_unhealthy() {
        // A Lambda target group's health checks are off by default: its one target reads
        // `unavailable`, which no health check decided.
        let lambda = TargetGroupHealth {
            name: "api-fn".into(),
            targets: 1,
            healthy: 0,
            unhealthy: Some(0),
            health_checks: Some(false),
        };
        let api = lb("api", |l| l.target_groups = vec![lambda.clone()]);
        // Targets still registering (`initial`) are not failing either.
        let starting = lb("starting", |l| {
            l.target_groups = vec![TargetGroupHealth {
                unhealthy: Some(0),
                ..group(2, 0)
            }]
        });
        assert!(failing(&CHECK, vec![api, starting]).is_empty());
    }

    #[test]
    fn an_inventory_that_did_not_record_health_checks_is_not_judged() {
        let old = lb("old", |l| {
            l.target_groups = vec![TargetGroupHealth {
                unhealthy: None,
                health_checks: None,
                ..group(3, 0)
            }]
        });
        let out = outcome(&CHECK, vec![old]);
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 1));
    }
}
