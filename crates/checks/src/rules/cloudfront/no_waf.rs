//! CloudFront distributions with no web ACL: nothing filters injection, bots or floods before
//! they reach the origin.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront.no_waf",
        pillar: Pillar::Security,
        related: &[Pillar::Reliability],
        best_practice: "SEC05-BP03",
        reads: &["cloudfront:ListDistributions"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "CloudFront distribution has no WAF web ACL",
        action: "Associate an AWS WAF web ACL",
        remediation: "Create a web ACL in us-east-1 with the AWS managed core rule set, known bad inputs and a rate-based rule, and associate it with the distribution. Console: CloudFront > Distributions > {id} > Security > Edit. CLI: aws wafv2 list-web-acls --scope CLOUDFRONT --region us-east-1",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, d) in ctx.each(Resource::as_cloudfront_distribution) {
        if !d.enabled {
            continue;
        }
        out.record(resource, d.web_acl.is_some(), || {
            format!("{} is served with no web ACL", d.domain)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cloudfront::distribution;
    use crate::testing::failing;

    #[test]
    fn flags_enabled_distributions_without_a_web_acl() {
        let open = distribution("E1", |d| d.web_acl = None);
        let guarded = distribution("E2", |_| {});
        let off = distribution("E3", |d| {
            d.web_acl = None;
            d.enabled = false;
        });
        assert_eq!(failing(&CHECK, vec![open, guarded, off]), ["E1"]);
    }
}
