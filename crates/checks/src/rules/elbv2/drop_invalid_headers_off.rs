//! Internet-facing application load balancers that pass requests with malformed headers on to
//! the application (the opening for HTTP request smuggling).

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.drop_invalid_headers_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP03",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
        ],
        facts: &[Fact::DropInvalidHeaders],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Application load balancer forwards invalid HTTP headers",
        action: "Drop invalid header fields at the load balancer",
        remediation: "Turn on dropping of invalid header fields. Console: EC2 > Load balancers > {id} > \
            Attributes > Edit > Drop invalid header fields. CLI: aws elbv2 modify-load-balancer-attributes \
            --region {region} --load-balancer-arn LB_ARN --attributes \
            Key=routing.http.drop_invalid_header_fields.enabled,Value=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if lb.lb_type != "application" || !lb.internet_facing() {
            continue;
        }
        if out.unknown(resource, &[Fact::DropInvalidHeaders]) {
            continue;
        }
        out.record(resource, lb.drop_invalid_headers, || {
            "internet-facing, forwards requests with invalid header fields".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elbv2::lb;
    use crate::testing::failing;

    #[test]
    fn flags_public_albs_forwarding_invalid_headers() {
        let off = lb("shop", |_| {});
        let on = lb("web", |l| l.drop_invalid_headers = true);
        let nlb = lb("tcp-in", |l| l.lb_type = "network".into());
        assert_eq!(failing(&CHECK, vec![off, on, nlb]), ["shop"]);
    }
}
