//! Internet-facing application load balancers that serve plain HTTP instead of redirecting
//! it to HTTPS.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.http_without_redirect",
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
        title: "Load balancer serves plain HTTP without redirecting to HTTPS",
        action: "Redirect every HTTP listener to HTTPS",
        remediation: "Change the HTTP listener's default action to a redirect to HTTPS (status 301), \
            and serve the application only on an HTTPS listener. Console: EC2 > Load balancers > {id} > \
            Listeners > HTTP > Edit > Redirect to HTTPS. CLI: aws elbv2 modify-listener --region {region} \
            --listener-arn LISTENER_ARN --default-actions \
            'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if lb.lb_type != "application" || !lb.internet_facing() {
            continue;
        }
        if out.unknown(resource, &[Fact::Listeners]) {
            continue;
        }
        let plain: Vec<String> = lb
            .listeners
            .iter()
            .filter(|l| l.protocol == "HTTP" && !l.redirects_to_https)
            .map(|l| l.port.to_string())
            .collect();
        out.record(resource, plain.is_empty(), || {
            format!(
                "internet-facing, HTTP listener on port {} answers without redirecting to HTTPS",
                plain.join(", ")
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

    fn listener(protocol: &str, port: u16, redirects: bool) -> Listener {
        Listener {
            port,
            protocol: protocol.into(),
            redirects_to_https: redirects,
            ..Default::default()
        }
    }

    #[test]
    fn flags_public_albs_answering_plain_http() {
        let plain = lb("shop", |l| l.listeners = vec![listener("HTTP", 80, false)]);
        let redirect = lb("web", |l| {
            l.listeners = vec![listener("HTTP", 80, true), listener("HTTPS", 443, false)]
        });
        let internal = lb("admin", |l| {
            l.scheme = "internal".into();
            l.listeners = vec![listener("HTTP", 80, false)];
        });
        assert_eq!(failing(&CHECK, vec![plain, redirect, internal]), ["shop"]);
    }
}
