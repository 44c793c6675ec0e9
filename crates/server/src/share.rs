//! Share links: a signed, read-only, expiring address for one account's summary, for the
//! dashboards teams already have (an `<iframe>` or an `<img>` of the badge). The signature is an
//! HMAC-SHA256 of the account and the expiry under the service's own key (kept in `server.db`),
//! so a link cannot be stretched to another account or a later date, and it reads nothing else.

use aws_lc_rs::hmac;
use chrono::{DateTime, Utc};

use crate::db::{DbError, Records};

/// The longest a share link may live.
pub const MAX_DAYS: i64 = 365;

#[derive(Debug)]
pub struct ShareKey {
    key: hmac::Key,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl ShareKey {
    /// The service's key, made the first time.
    pub async fn load(db: &dyn Records) -> Result<ShareKey, DbError> {
        let mut bytes = [0u8; 32];
        // A failed random source leaves zeros, which the check below refuses.
        let _ = aws_lc_rs::rand::fill(&mut bytes);
        let value = db.setting_or("share_key", hex(&bytes)).await?;
        let bytes = unhex(&value)
            .filter(|b| b.len() == 32 && b.iter().any(|x| *x != 0))
            .ok_or_else(|| DbError::Corrupt("the share key is not 32 random bytes".into()))?;
        Ok(ShareKey {
            key: hmac::Key::new(hmac::HMAC_SHA256, &bytes),
        })
    }

    fn message(account: &str, expires: i64) -> String {
        format!("wellscan-embed:{account}:{expires}")
    }

    /// The signature of a link to `account` until `expires` (seconds since the epoch).
    pub fn sign(&self, account: &str, expires: i64) -> String {
        hex(hmac::sign(&self.key, Self::message(account, expires).as_bytes()).as_ref())
    }

    /// Whether a link is genuine and still valid at `now`.
    pub fn verify(&self, account: &str, expires: i64, signature: &str, now: DateTime<Utc>) -> bool {
        let Some(tag) = unhex(signature) else {
            return false;
        };
        expires > now.timestamp()
            && hmac::verify(&self.key, Self::message(account, expires).as_bytes(), &tag).is_ok()
    }

    /// The query string of a link to `account` until `expires`.
    pub fn query(&self, account: &str, expires: i64) -> String {
        format!("expires={expires}&sig={}", self.sign(account, expires))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_link_holds_only_for_its_account_until_its_expiry() {
        let dir = tempfile::tempdir().expect("dir");
        let db = crate::db::SqliteRecords::open(dir.path()).expect("db");
        let key = ShareKey::load(&db).await.expect("key");
        let again = ShareKey::load(&db).await.expect("key");
        let now = Utc::now();
        let expires = now.timestamp() + 3600;
        let sig = key.sign("123456789012", expires);
        assert!(
            again.verify("123456789012", expires, &sig, now),
            "the key is kept"
        );
        assert!(
            !key.verify("210987654321", expires, &sig, now),
            "another account"
        );
        assert!(
            !key.verify("123456789012", expires + 86_400, &sig, now),
            "a later expiry"
        );
        assert!(
            !key.verify(
                "123456789012",
                expires,
                &sig,
                now + chrono::Duration::hours(2)
            ),
            "expired"
        );
        assert!(!key.verify("123456789012", expires, "zz", now));
    }
}
