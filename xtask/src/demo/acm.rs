//! The demo account's ACM certificates, kept in us-east-1.

use super::*;

impl Gen {
    /// Certificates in us-east-1: healthy, near expiry, and on a 1024-bit key.
    pub(super) fn certificates(&mut self) {
        let region = "us-east-1";
        let cert =
            |g: &mut Gen, domain: &str, kind: &str, key: &str, days: i64, users| Certificate {
                id: format!(
                    "{}-{}-{}-{}-{}",
                    g.rng.hex(8),
                    g.rng.hex(4),
                    g.rng.hex(4),
                    g.rng.hex(4),
                    g.rng.hex(12)
                ),
                arn: String::new(),
                region: region.into(),
                domain: domain.into(),
                status: "ISSUED".into(),
                cert_type: kind.into(),
                key_algorithm: key.into(),
                not_after: Some(g.now + Duration::days(days)),
                in_use_by: users,
                ..Default::default()
            };
        let certs = [
            cert(
                self,
                "orders.kumo-freight.example",
                "AMAZON_ISSUED",
                "RSA_2048",
                290,
                1,
            ),
            cert(
                self,
                "partners.kumo-freight.example",
                "IMPORTED",
                "RSA_2048",
                12,
                1,
            ),
            cert(
                self,
                "legacy-edi.kumo-freight.example",
                "IMPORTED",
                "RSA_1024",
                160,
                0,
            ),
        ];
        for mut c in certs {
            c.arn = arn("acm", region, &format!("certificate/{}", c.id));
            self.resources.push(c.into());
        }
    }
}
