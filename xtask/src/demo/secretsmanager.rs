//! The demo account's Secrets Manager secrets.

use super::*;

impl Gen {
    /// Secrets in us-east-1: one rotated, one never rotated, one unread for months.
    pub(super) fn secrets(&mut self) {
        let region = "us-east-1";
        let secret = |g: &mut Gen, name: &str, rotated: bool, read_days: i64| Secret {
            id: name.into(),
            arn: arn(
                "secretsmanager",
                region,
                &format!("secret:{name}-{}", g.rng.hex(6)),
            ),
            region: region.into(),
            rotation_enabled: rotated,
            last_rotated: if rotated { g.ago(5, 25) } else { None },
            last_accessed: Some(g.now - Duration::days(read_days)),
            created_at: g.ago(400, 800),
            ..Default::default()
        };
        let secrets = [
            secret(self, "prod/orders/db", true, 0),
            secret(self, "prod/billing/stripe-api-key", false, 1),
            secret(self, "dev/etl/legacy-ftp", false, 210),
        ];
        self.resources.extend(secrets.into_iter().map(Into::into));
    }
}
