//! Classic Load Balancers that keep no access logs: no record of who called what, when.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb.access_logs_off",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security],
        best_practice: "OPS08-BP02",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
        ],
        facts: &[Fact::AccessLogs],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Classic Load Balancer keeps no access logs",
        action: "Turn on access logs to S3",
        remediation: "Turn on access logging to an S3 bucket the load balancer may write to, with a lifecycle rule for how long to keep them. Console: EC2 > Load balancers > {id} > Attributes > Access logs. CLI: aws elb modify-load-balancer-attributes --region {region} --load-balancer-name {id} --load-balancer-attributes \"AccessLog={Enabled=true,S3BucketName=BUCKET,EmitInterval=5}\"",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_classic_load_balancer) {
        if out.unknown(resource, &[Fact::AccessLogs]) {
            continue;
        }
        out.record(resource, lb.access_logs, || {
            "access logs are off".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::elb::classic;
    use crate::testing::failing;

    #[test]
    fn flags_load_balancers_without_access_logs() {
        let off = classic("legacy-web", |lb| lb.access_logs = false);
        let on = classic("shop", |_| {});
        let unread = classic("partner", |lb| {
            lb.access_logs = false;
            lb.unknown.mark(Fact::AccessLogs);
        });
        assert_eq!(failing(&CHECK, vec![off, on, unread]), ["legacy-web"]);
    }
}
