//! Internet-facing load balancers that one call can delete, taking the service's entry point
//! (and its DNS name) with them.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2.deletion_protection_off",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL08-BP05",
        reads: &[
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
        ],
        facts: &[Fact::DeletionProtection],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Internet-facing load balancer has deletion protection off",
        action: "Turn on deletion protection for public load balancers",
        remediation: "Enable deletion protection so the load balancer (and the DNS name clients use) cannot be \
            deleted by accident or by a stray automation run. Console: EC2 > Load balancers > {id} > \
            Attributes > Edit > Deletion protection. CLI: aws elbv2 modify-load-balancer-attributes --region \
            {region} --load-balancer-arn LB_ARN --attributes Key=deletion_protection.enabled,Value=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, lb) in ctx.each(Resource::as_load_balancer) {
        if !lb.internet_facing() || out.unknown(resource, &[Fact::DeletionProtection]) {
            continue;
        }
        out.record(resource, lb.deletion_protection, || {
            format!(
                "internet-facing {} load balancer, deletion protection off",
                lb.lb_type
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
    fn flags_unprotected_public_load_balancers() {
        let off = lb("shop", |_| {});
        let on = lb("web", |l| l.deletion_protection = true);
        let internal = lb("admin", |l| l.scheme = "internal".into());
        assert_eq!(failing(&CHECK, vec![off, on, internal]), ["shop"]);
    }
}
