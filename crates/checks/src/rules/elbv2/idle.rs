//! Load balancers with nothing registered behind them: billed by the hour for serving nothing.
//! One whose every listener redirects or answers a fixed response works without targets (an
//! apex domain sent to `www`, a maintenance page) and is not idle.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.idle",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP03",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
        ],
        facts: &[Fact::Listeners, Fact::TargetGroups],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "Load balancer has no registered targets",
        action: "Delete load balancers that route to nothing",
        remediation: "Confirm nothing resolves the load balancer's DNS name, then delete it. Console: EC2 > Load \
            balancers > {id} > Actions > Delete. CLI: aws elbv2 delete-load-balancer --region {region} \
            --load-balancer-arn LB_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if lb.lb_type == "gateway" || out.unknown(resource, &[Fact::TargetGroups]) {
            continue;
        }
        if lb.targets() > 0 {
            out.pass();
            continue;
        }
        if !lb.listeners.is_empty() {
            if out.unknown(resource, &[Fact::Listeners]) {
                continue;
            }
            match answer_themselves(&lb.listeners) {
                Some(true) => {
                    out.pass();
                    continue;
                }
                Some(false) => {}
                None => {
                    out.skip(resource);
                    continue;
                }
            }
        }
        let age = ctx
            .days_since(lb.created_at)
            .map(|d| format!(", created {} ago", crate::days(d)))
            .unwrap_or_default();
        out.fail_with_savings(
            resource,
            format!(
                "{} load balancer with no registered target in its {} target group(s){age}",
                lb.lb_type,
                lb.target_groups.len()
            ),
            Some(ctx.prices.load_balancer_monthly(&lb.lb_type, &lb.region)),
        );
    }
}

/// Every listener answers requests itself; `None` when an inventory did not record what a
/// listener does.
fn answer_themselves(listeners: &[wellscan_model::Listener]) -> Option<bool> {
    listeners
        .iter()
        .map(wellscan_model::Listener::answers_itself)
        .try_fold(true, |all, one| one.map(|o| all && o))
}

#[cfg(test)]
mod tests {
    use wellscan_model::{Listener, TargetGroupHealth};

    use super::*;
    use crate::rules::elbv2::lb;
    use crate::testing::{failing, outcome};

    #[test]
    fn flags_load_balancers_routing_to_nothing_with_their_hourly_cost() {
        let empty = lb("old-shop", |_| {});
        let used = lb("web", |l| {
            l.target_groups = vec![TargetGroupHealth {
                name: "web".into(),
                targets: 2,
                healthy: 2,
                ..Default::default()
            }]
        });
        assert_eq!(failing(&CHECK, vec![empty.clone(), used]), ["old-shop"]);
        let run = outcome(&CHECK, vec![empty]);
        let savings = run.failures()[0].monthly_savings_usd();
        assert_eq!(savings, Some(16.43));
    }

    fn listener(port: u16, action: Option<&str>) -> Listener {
        Listener {
            port,
            protocol: "HTTP".into(),
            default_action: action.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn a_load_balancer_that_only_redirects_is_not_idle() {
        let redirector = lb("apex-redirect", |l| {
            l.listeners = vec![
                listener(80, Some("redirect")),
                listener(443, Some("fixed-response")),
            ]
        });
        let forwards_to_nothing = lb("old-shop", |l| {
            l.listeners = vec![
                listener(80, Some("redirect")),
                listener(443, Some("forward")),
            ]
        });
        assert_eq!(
            failing(&CHECK, vec![redirector, forwards_to_nothing]),
            ["old-shop"]
        );
        // An inventory that did not record what its listeners do says nothing of idleness.
        let old = lb("old", |l| l.listeners = vec![listener(80, None)]);
        let out = outcome(&CHECK, vec![old]);
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 1));
    }
}
