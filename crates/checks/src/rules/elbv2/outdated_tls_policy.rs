//! HTTPS and TLS listeners whose security policy still accepts TLS 1.0 or 1.1.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.outdated_tls_policy",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP02",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeListeners",
        ],
        facts: &[Fact::Listeners],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Load balancer listener accepts TLS 1.0 or 1.1",
        action: "Move TLS listeners to a TLS 1.2+ security policy",
        remediation: "Set the listener's security policy to one that negotiates TLS 1.2 or 1.3 only, such as \
            ELBSecurityPolicy-TLS13-1-2-2021-06. Console: EC2 > Load balancers > {id} > Listeners > Edit > \
            Security policy. CLI: aws elbv2 modify-listener --region {region} --listener-arn LISTENER_ARN \
            --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06",
    },
    evaluate,
};

/// Security policies that negotiate TLS 1.2 or newer only, by the parts of their names AWS
/// gives them (`ELBSecurityPolicy-TLS13-1-2-2021-06`, `ELBSecurityPolicy-TLS-1-2-Ext-2018-06`,
/// `ELBSecurityPolicy-FS-1-2-Res-2020-10`).
fn modern(policy: &str) -> bool {
    ["TLS13-1-2", "TLS13-1-3", "TLS-1-2", "FS-1-2"]
        .iter()
        .any(|part| policy.contains(part))
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if out.unknown(resource, &[Fact::Listeners]) {
            continue;
        }
        let tls: Vec<_> = lb.listeners.iter().filter(|l| l.encrypted()).collect();
        if tls.is_empty() {
            continue;
        }
        let old: Vec<String> = tls
            .iter()
            .filter_map(|l| {
                let policy = l.ssl_policy.as_deref().unwrap_or("");
                (!modern(policy)).then(|| format!("{} {} uses {policy}", l.protocol, l.port))
            })
            .collect();
        out.record(resource, old.is_empty(), || {
            format!("{}, which accepts TLS below 1.2", old.join("; "))
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Listener;

    use super::*;
    use crate::rules::elbv2::lb;
    use crate::testing::failing;

    fn https(policy: &str) -> Listener {
        Listener {
            port: 443,
            protocol: "HTTPS".into(),
            ssl_policy: Some(policy.into()),
            ..Default::default()
        }
    }

    #[test]
    fn flags_policies_that_accept_old_tls() {
        let default = lb("shop", |l| {
            l.listeners = vec![https("ELBSecurityPolicy-2016-08")]
        });
        let tls11 = lb("api", |l| {
            l.listeners = vec![https("ELBSecurityPolicy-TLS-1-1-2017-01")]
        });
        let tls13 = lb("web", |l| {
            l.listeners = vec![https("ELBSecurityPolicy-TLS13-1-2-2021-06")]
        });
        let fs12 = lb("pay", |l| {
            l.listeners = vec![https("ELBSecurityPolicy-FS-1-2-Res-2020-10")]
        });
        let plain = lb("internal", |l| {
            l.listeners = vec![Listener {
                port: 80,
                protocol: "HTTP".into(),
                ..Default::default()
            }]
        });
        assert_eq!(
            failing(&CHECK, vec![default, tls11, tls13, fs12, plain]),
            ["shop", "api"]
        );
    }
}
