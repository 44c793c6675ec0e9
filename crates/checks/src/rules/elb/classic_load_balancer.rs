//! Classic Load Balancers: the previous generation, without HTTP/2, gRPC, WebSockets routing,
//! path or host rules, TLS 1.3 or target groups.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.classic_load_balancer",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::Security],
        best_practice: "PERF04-BP02",
        reads: &["elasticloadbalancing:DescribeLoadBalancers"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Classic Load Balancer still in use",
        action: "Migrate to an Application or Network Load Balancer",
        remediation: "Create an Application Load Balancer (HTTP and HTTPS) or a Network Load Balancer (TCP and TLS) with the same listeners and targets, move DNS to it, then delete the Classic one; the console migration wizard copies the configuration. Console: EC2 > Load balancers > {id} > Migrate. CLI: aws elb describe-load-balancers --region {region} --load-balancer-names {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        let listeners: Vec<String> = lb
            .listeners
            .iter()
            .map(|l| format!("{}:{}", l.protocol, l.port))
            .collect();
        out.fail(
            resource,
            format!(
                "Classic Load Balancer ({}) with {} instance(s)",
                listeners.join(", "),
                lb.instances
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::classic;
    use crate::testing::failing;

    #[test]
    fn flags_every_classic_load_balancer() {
        let lb = classic("legacy-web", |_| {});
        assert_eq!(failing(&CHECK, vec![lb]), ["legacy-web"]);
    }
}
