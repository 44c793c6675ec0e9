//! CloudFront distributions on their own certificate that still accept TLS before 1.2. (On
//! CloudFront's default certificate the floor cannot be set: those are not judged.)

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront.old_tls",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP02",
        reads: &["cloudfront:ListDistributions"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "CloudFront accepts TLS before 1.2",
        action: "Set the minimum viewer TLS version to TLSv1.2_2021",
        remediation: "Set the security policy of the distribution's viewer certificate to TLSv1.2_2021 (or later). Console: CloudFront > Distributions > {id} > General > Settings > Edit > Security policy. CLI: aws cloudfront get-distribution-config --id {id} --region {region}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, d) in ctx.each(Resource::as_cloudfront_distribution) {
        if d.default_certificate {
            continue;
        }
        let floor = d.minimum_tls.as_deref().unwrap_or("TLSv1");
        let modern = floor.starts_with("TLSv1.2") || floor.starts_with("TLSv1.3");
        out.record(resource, modern, || {
            format!("viewers may connect with {floor}")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cloudfront::distribution;
    use crate::testing::failing;

    #[test]
    fn flags_own_certificates_below_tls_1_2() {
        let old = distribution("E1", |d| d.minimum_tls = Some("TLSv1_2016".into()));
        let modern = distribution("E2", |_| {});
        let default = distribution("E3", |d| {
            d.default_certificate = true;
            d.minimum_tls = Some("TLSv1".into());
        });
        assert_eq!(failing(&CHECK, vec![old, modern, default]), ["E1"]);
    }
}
