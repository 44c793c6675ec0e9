//! Certificates with keys shorter than RSA 2048 bits, which browsers and clients reject or
//! soon will.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "acm.weak_key",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC09-BP01",
        reads: &["acm:ListCertificates", "acm:DescribeCertificate"],
        facts: &[Fact::KeyAlgorithm],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Certificate uses a key shorter than 2048 bits",
        action: "Replace certificates with RSA 2048+ or ECDSA keys",
        remediation: "Request (or import) a replacement with an RSA 2048 or EC P-256 key and move its users to it. \
            Console: Certificate Manager > Request. CLI: aws acm request-certificate --region {region} \
            --domain-name DOMAIN --validation-method DNS --key-algorithm EC_prime256v1",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_certificate) {
        if out.unknown(resource, &[Fact::KeyAlgorithm]) || c.key_algorithm.is_empty() {
            continue;
        }
        out.record(resource, c.key_algorithm != "RSA_1024", || {
            format!("{} key for {}", c.key_algorithm, c.domain)
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Certificate;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_1024_bit_keys() {
        let cert = |id: &str, key: &str| -> Resource {
            Certificate {
                id: id.into(),
                key_algorithm: key.into(),
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![
                    cert("old", "RSA_1024"),
                    cert("web", "RSA_2048"),
                    cert("api", "EC_prime256v1")
                ]
            ),
            ["old"]
        );
    }
}
