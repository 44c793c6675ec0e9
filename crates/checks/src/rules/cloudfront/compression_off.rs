//! CloudFront behaviours that do not compress: text, scripts and JSON travel to every viewer at
//! full size.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront.compression_off",
        pillar: Pillar::Sustainability,
        related: &[Pillar::PerformanceEfficiency, Pillar::CostOptimization],
        best_practice: "SUS04-BP07",
        reads: &["cloudfront:ListDistributions"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "CloudFront does not compress responses",
        action: "Turn on automatic compression",
        remediation: "Turn on \"Compress objects automatically\" on each cache behaviour (with a cache policy that accepts gzip and Brotli). Console: CloudFront > Distributions > {id} > Behaviors > Edit > Compress objects automatically. CLI: aws cloudfront get-distribution-config --id {id} --region {region}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, d) in ctx.each(Resource::as_cloudfront_distribution) {
        let raw: Vec<&str> = d
            .behaviors
            .iter()
            .filter(|b| !b.compress)
            .map(|b| b.path.as_str())
            .collect();
        out.record(resource, raw.is_empty(), || {
            format!("no compression on path(s): {}", raw.join(", "))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cloudfront::distribution;
    use crate::testing::failing;

    #[test]
    fn flags_behaviours_that_do_not_compress() {
        let raw = distribution("E1", |d| d.behaviors[0].compress = false);
        let compressed = distribution("E2", |_| {});
        assert_eq!(failing(&CHECK, vec![raw, compressed]), ["E1"]);
    }
}
