//! Load balancers that keep no access logs: no record of who called what, or what failed.
//! A network load balancer writes access logs only for its TLS listeners, so one with only
//! TCP and UDP listeners has none to turn on and is not judged.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.access_logs_off",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security],
        best_practice: "OPS08-BP02",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
            "elasticloadbalancing:DescribeListeners",
        ],
        facts: &[Fact::AccessLogs],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Load balancer has access logging off",
        action: "Deliver load balancer access logs to S3",
        remediation: "Turn on access logs into an S3 bucket the load balancer may write to. Console: EC2 > \
            Load balancers > {id} > Attributes > Edit > Access logs. CLI: aws elbv2 \
            modify-load-balancer-attributes --region {region} --load-balancer-arn LB_ARN --attributes \
            Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=BUCKET",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if lb.lb_type == "gateway" || out.unknown(resource, &[Fact::AccessLogs]) {
            continue;
        }
        if lb.lb_type == "network" && !lb.access_logs {
            if out.unknown(resource, &[Fact::Listeners]) {
                continue;
            }
            if !lb.listeners.iter().any(|l| l.protocol == "TLS") {
                continue;
            }
        }
        out.record(resource, lb.access_logs, || {
            format!(
                "{} {} load balancer, access logs off",
                lb.scheme, lb.lb_type
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Listener;

    use super::*;
    use crate::rules::elbv2::lb;
    use crate::testing::failing;

    #[test]
    fn flags_load_balancers_without_access_logs() {
        let off = lb("shop", |_| {});
        let on = lb("web", |l| l.access_logs = true);
        let mut unread = lb("api", |_| {});
        if let Resource::LoadBalancer(l) = &mut unread {
            l.unknown.mark(Fact::AccessLogs);
        }
        assert_eq!(failing(&CHECK, vec![off, on, unread]), ["shop"]);
    }

    #[test]
    fn a_network_load_balancer_without_tls_listeners_has_no_access_logs_to_turn_on() {
        let listener = |protocol: &str| Listener {
            port: 443,
            protocol: protocol.into(),
            ..Default::default()
        };
        let nlb = |id: &str, protocols: &[&str]| {
            lb(id, |l| {
                l.lb_type = "network".into();
                l.listeners = protocols.iter().map(|p| listener(p)).collect();
            })
        };
        let tcp = nlb("tcp-only", &["TCP", "UDP", "TCP_UDP"]);
        let tls = nlb("tls-front", &["TCP", "TLS"]);
        assert_eq!(failing(&CHECK, vec![tcp, tls]), ["tls-front"]);
        // Whether it has a TLS listener is unknown when its listeners were not read.
        let mut unread = nlb("unread", &[]);
        if let Resource::LoadBalancer(l) = &mut unread {
            l.unknown.mark(Fact::Listeners);
        }
        let out = crate::testing::outcome(&CHECK, vec![unread]);
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 1));
    }
}
