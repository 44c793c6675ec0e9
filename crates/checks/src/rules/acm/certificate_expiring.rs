//! Certificates in use that expire within 30 days (or have expired), and that ACM will not
//! renew by itself: imported certificates, and Amazon-issued ones that are not eligible.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

/// Days before expiry at which a certificate is flagged.
const WARN_DAYS: i64 = 30;

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "acm.certificate_expiring",
        pillar: Pillar::Security,
        related: &[Pillar::Reliability],
        best_practice: "SEC09-BP01",
        reads: &["acm:ListCertificates", "acm:DescribeCertificate"],
        facts: &[Fact::InUseBy, Fact::NotAfter],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Certificate in use expires within 30 days",
        action: "Renew or replace certificates before they expire",
        remediation: "Re-import the renewed certificate under the same ARN (imported certificates), or request an \
            Amazon-issued certificate with DNS validation so ACM renews it, and move the load balancers and \
            distributions to it. Console: Certificate Manager > Certificates > {id}. CLI: aws acm \
            import-certificate --region {region} --certificate-arn CERT_ARN --certificate fileb://cert.pem \
            --private-key fileb://key.pem --certificate-chain fileb://chain.pem",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_certificate) {
        if out.unknown(resource, &[Fact::NotAfter, Fact::InUseBy]) {
            continue;
        }
        let (Some(not_after), true) = (c.not_after, c.in_use_by > 0) else {
            continue;
        };
        let left = (not_after - ctx.now).num_days();
        // ACM renews Amazon-issued certificates in use by itself from 60 days before expiry;
        // one that is this close and still not renewed is stuck (validation failing).
        out.record(resource, left > WARN_DAYS, || {
            // Whole days round toward zero: hours either side of the scan are "today".
            let when = match (not_after <= ctx.now, left.abs()) {
                (true, 0) => "expired today".to_string(),
                (true, ago) => format!("expired {} ago", crate::days(ago)),
                (false, 0) => "expires within a day".to_string(),
                (false, left) => format!("expires in {}", crate::days(left)),
            };
            format!(
                "{} certificate for {}, {when}, used by {} resource(s)",
                c.cert_type, c.domain, c.in_use_by
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use wellscan_model::Certificate;

    use super::*;
    use crate::testing::{now, outcome};

    fn cert(id: &str, days_left: i64, in_use: u32) -> Resource {
        Certificate {
            id: id.into(),
            domain: format!("{id}.example.com"),
            cert_type: "IMPORTED".into(),
            not_after: Some(now() + Duration::days(days_left)),
            in_use_by: in_use,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_certificates_in_use_near_or_past_expiry() {
        let run = outcome(
            &CHECK,
            vec![
                cert("shop", 12, 1),
                cert("old", -3, 2),
                cert("fresh", 200, 1),
                cert("spare", 5, 0),
            ],
        );
        let failed: Vec<_> = run.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(
            failed,
            [
                "IMPORTED certificate for shop.example.com, expires in 12 days, used by 1 resource(s)",
                "IMPORTED certificate for old.example.com, expired 3 days ago, used by 2 resource(s)",
            ]
        );
    }

    #[test]
    fn a_certificate_that_expired_hours_ago_says_it_expired() {
        let hours = |id: &str, h: i64| {
            let Resource::Certificate(mut c) = cert(id, 0, 1) else {
                unreachable!("a certificate")
            };
            c.not_after = Some(now() + Duration::hours(h));
            Resource::Certificate(c)
        };
        let run = outcome(&CHECK, vec![hours("gone", -5), hours("soon", 5)]);
        let failed: Vec<_> = run.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(
            failed,
            [
                "IMPORTED certificate for gone.example.com, expired today, used by 1 resource(s)",
                "IMPORTED certificate for soon.example.com, expires within a day, used by 1 resource(s)",
            ]
        );
    }
}
