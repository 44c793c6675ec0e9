//! Internet-facing Classic Load Balancers that accept HTTP or TCP in clear text.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.plain_listener",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP02",
        reads: &["elasticloadbalancing:DescribeLoadBalancers"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Classic Load Balancer accepts clear-text traffic from the internet",
        action: "Serve only HTTPS or SSL listeners",
        remediation: "Add an HTTPS (or SSL) listener with an ACM certificate, move clients to it and remove the HTTP and TCP listeners; an Application Load Balancer can redirect HTTP to HTTPS instead. Console: EC2 > Load balancers > {id} > Listeners > Edit. CLI: aws elb delete-load-balancer-listeners --region {region} --load-balancer-name {id} --load-balancer-ports 80",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        if lb.scheme != "internet-facing" {
            continue;
        }
        let plain: Vec<String> = lb
            .listeners
            .iter()
            .filter(|l| matches!(l.protocol.as_str(), "HTTP" | "TCP"))
            .map(|l| format!("{}:{}", l.protocol, l.port))
            .collect();
        out.record(resource, plain.is_empty(), || {
            format!(
                "clear-text listener(s) open to the internet: {}",
                plain.join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::{classic, listener};
    use crate::testing::failing;

    #[test]
    fn flags_internet_facing_clear_text_listeners() {
        let http = classic("legacy-web", |lb| {
            lb.listeners.push(listener("HTTP", 80, None))
        });
        let internal = classic("legacy-api", |lb| {
            lb.scheme = "internal".into();
            lb.listeners = vec![listener("TCP", 8080, None)];
        });
        let tls = classic("shop", |_| {});
        assert_eq!(failing(&CHECK, vec![http, internal, tls]), ["legacy-web"]);
    }
}
