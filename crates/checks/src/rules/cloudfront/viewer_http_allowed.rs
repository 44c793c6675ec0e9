//! CloudFront distributions that serve some paths over plain HTTP.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront.viewer_http_allowed",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP02",
        reads: &["cloudfront:ListDistributions"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "CloudFront serves content over plain HTTP",
        action: "Redirect HTTP to HTTPS on every behaviour",
        remediation: "Set each cache behaviour's viewer protocol policy to redirect-to-https (or https-only). Console: CloudFront > Distributions > {id} > Behaviors > Edit > Viewer protocol policy. CLI: aws cloudfront get-distribution-config --id {id} --region {region}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, d) in ctx.each(Resource::as_cloudfront_distribution) {
        let plain: Vec<&str> = d
            .behaviors
            .iter()
            .filter(|b| b.viewer_protocol == "allow-all")
            .map(|b| b.path.as_str())
            .collect();
        out.record(resource, plain.is_empty(), || {
            format!("HTTP allowed on path(s): {}", plain.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cloudfront::distribution;
    use crate::testing::failing;

    #[test]
    fn flags_any_behaviour_that_allows_http() {
        let plain = distribution("E1", |d| {
            d.behaviors[0].viewer_protocol = "allow-all".into()
        });
        let safe = distribution("E2", |_| {});
        assert_eq!(failing(&CHECK, vec![plain, safe]), ["E1"]);
    }
}
