//! CloudFront distributions reading an S3 bucket without origin access control: the bucket
//! must then be public, and anyone can bypass the distribution (its WAF, its logs) by asking
//! the bucket directly.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront.s3_origin_open",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP07",
        reads: &["cloudfront:ListDistributions"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "CloudFront reads an S3 origin without origin access control",
        action: "Use origin access control and make the bucket private",
        remediation: "Create an origin access control, attach it to the S3 origin, allow only the distribution in the bucket policy (aws:SourceArn), then block public access on the bucket. Console: CloudFront > Distributions > {id} > Origins > Edit > Origin access. CLI: aws cloudfront create-origin-access-control --region {region} --origin-access-control-config Name={id}-oac,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=s3",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, d) in ctx.each(Resource::as_cloudfront_distribution) {
        let open: Vec<&str> = d
            .origins
            .iter()
            .filter(|o| o.s3 && !o.access_control)
            .map(|o| o.domain.as_str())
            .collect();
        if !d.origins.iter().any(|o| o.s3) {
            continue;
        }
        out.record(resource, open.is_empty(), || {
            format!(
                "S3 origin(s) read without access control: {}",
                open.join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cloudfront::distribution;
    use crate::testing::failing;

    #[test]
    fn flags_s3_origins_without_access_control() {
        let open = distribution("E1", |d| d.origins[0].access_control = false);
        let private = distribution("E2", |_| {});
        assert_eq!(failing(&CHECK, vec![open, private]), ["E1"]);
    }
}
