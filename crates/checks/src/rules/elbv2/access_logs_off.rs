//! Load balancers that keep no access logs: no record of who called what, or what failed.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.access_logs_off",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security],
        best_practice: "OPS08-BP03",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
        ],
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
}
