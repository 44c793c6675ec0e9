//! CloudFront distributions that keep no standard access logs: requests at the edge leave no
//! trace to investigate.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront.logging_off",
        pillar: Pillar::Security,
        related: &[Pillar::OperationalExcellence],
        best_practice: "SEC04-BP01",
        reads: &[
            "cloudfront:ListDistributions",
            "cloudfront:GetDistributionConfig",
        ],
        facts: &[Fact::DistributionLogging],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "CloudFront distribution keeps no access logs",
        action: "Turn on standard logging",
        remediation: "Turn on standard logging to an S3 bucket (or CloudWatch Logs), with a lifecycle rule for how long to keep them. Console: CloudFront > Distributions > {id} > Logging. CLI: aws cloudfront get-distribution-config --id {id} --region {region}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, d) in ctx.each(Resource::as_cloudfront_distribution) {
        if out.unknown(resource, &[Fact::DistributionLogging]) {
            continue;
        }
        out.record(resource, d.access_logging, || {
            "standard logging is off".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cloudfront::distribution;
    use crate::testing::failing;

    #[test]
    fn flags_distributions_without_logs_unless_unread() {
        let silent = distribution("E1", |d| d.access_logging = false);
        let logged = distribution("E2", |_| {});
        let unread = distribution("E3", |d| {
            d.access_logging = false;
            d.unknown.mark(Fact::DistributionLogging);
        });
        assert_eq!(failing(&CHECK, vec![silent, logged, unread]), ["E1"]);
    }
}
