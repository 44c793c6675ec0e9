//! CloudFront distributions that speak only HTTP/1.1 to viewers: no multiplexing, header
//! compression or QUIC.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront.http1_only",
        pillar: Pillar::PerformanceEfficiency,
        related: &[],
        best_practice: "PERF04-BP05",
        reads: &["cloudfront:ListDistributions"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "CloudFront serves only HTTP/1.1",
        action: "Turn on HTTP/2 and HTTP/3",
        remediation: "Set the distribution's supported HTTP versions to HTTP/2 and HTTP/3; viewers that cannot use them fall back. Console: CloudFront > Distributions > {id} > General > Settings > Edit > Supported HTTP versions. CLI: aws cloudfront get-distribution-config --id {id} --region {region}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, d) in ctx.each(Resource::as_cloudfront_distribution) {
        out.record(resource, d.http_version != "http1.1", || {
            "viewers are served over HTTP/1.1 only".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cloudfront::distribution;
    use crate::testing::failing;

    #[test]
    fn flags_http_1_1_only_distributions() {
        let old = distribution("E1", |d| d.http_version = "http1.1".into());
        let modern = distribution("E2", |_| {});
        assert_eq!(failing(&CHECK, vec![old, modern]), ["E1"]);
    }
}
