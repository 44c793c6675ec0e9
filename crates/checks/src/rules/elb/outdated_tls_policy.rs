//! Classic Load Balancer TLS listeners on a security policy that still negotiates TLS 1.0 or
//! 1.1. A listener on a custom policy, or whose policies could not be read, is not judged.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.outdated_tls_policy",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP02",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeLoadBalancerPolicies",
        ],
        facts: &[Fact::TlsPolicy],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Classic Load Balancer allows TLS 1.0 or 1.1",
        action: "Use the TLS 1.2 security policy",
        remediation: "Create a policy that references ELBSecurityPolicy-TLS-1-2-2017-01 and set it on each HTTPS and SSL listener. Console: EC2 > Load balancers > {id} > Listeners > Security policy. CLI: aws elb create-load-balancer-policy --region {region} --load-balancer-name {id} --policy-name tls-1-2 --policy-type-name SSLNegotiationPolicyType --policy-attributes AttributeName=Reference-Security-Policy,AttributeValue=ELBSecurityPolicy-TLS-1-2-2017-01",
    },
    evaluate,
};

/// Predefined policies that negotiate TLS 1.2 at the least.
const MODERN: &[&str] = &["ELBSecurityPolicy-TLS-1-2-2017-01"];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        let tls: Vec<_> = lb
            .listeners
            .iter()
            .filter(|l| matches!(l.protocol.as_str(), "HTTPS" | "SSL"))
            .collect();
        if tls.is_empty() {
            continue;
        }
        if out.unknown(resource, &[Fact::TlsPolicy]) {
            continue;
        }
        let old: Vec<String> = tls
            .iter()
            .filter_map(|l| {
                let policy = l.tls_policy.as_deref()?;
                (!MODERN.contains(&policy)).then(|| format!("{}:{} {policy}", l.protocol, l.port))
            })
            .collect();
        if old.is_empty() && tls.iter().any(|l| l.tls_policy.is_none()) {
            // A custom policy: its ciphers and versions are not known here.
            out.skip(resource);
            continue;
        }
        out.record(resource, old.is_empty(), || {
            format!("listener(s) negotiating TLS before 1.2: {}", old.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::{classic, listener};

    #[test]
    fn flags_old_policies_and_leaves_custom_ones_unjudged() {
        let old = classic("legacy-web", |lb| {
            lb.listeners = vec![listener("HTTPS", 443, Some("ELBSecurityPolicy-2016-08"))]
        });
        let modern = classic("shop", |_| {});
        let custom = classic("partner", |lb| {
            lb.listeners = vec![listener("SSL", 443, None)]
        });
        let outcome = crate::testing::outcome(&CHECK, vec![old, modern, custom]);
        let failed: Vec<&str> = outcome.failures().iter().map(|f| f.resource_id()).collect();
        assert_eq!(failed, ["legacy-web"]);
        assert_eq!((outcome.evaluated(), outcome.not_evaluated()), (2, 1));
    }
}
