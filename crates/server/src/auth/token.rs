//! API tokens: `wsk_` and 43 characters of 32 random bytes. Only a token's SHA-256 is kept, so
//! the service database never holds a secret anyone could replay.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Every token starts so, which makes one easy to spot in a leaked log or a secret scanner.
pub const PREFIX: &str = "wsk_";

/// A new token's secret, from the operating system's random source.
pub fn generate() -> Result<String, aws_lc_rs::error::Unspecified> {
    let mut bytes = [0u8; 32];
    aws_lc_rs::rand::fill(&mut bytes)?;
    Ok(format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}

/// A short random id (tokens, sessions), not secret.
pub fn new_id() -> Result<String, aws_lc_rs::error::Unspecified> {
    let mut bytes = [0u8; 6];
    aws_lc_rs::rand::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What is stored of a secret.
pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `text` has the shape of a token at all (checked before any lookup).
pub fn looks_like_token(text: &str) -> bool {
    text.strip_prefix(PREFIX).is_some_and(|rest| {
        rest.len() == 43
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_well_formed_and_stored_as_hashes() {
        let a = generate().expect("random");
        let b = generate().expect("random");
        assert_ne!(a, b);
        assert!(looks_like_token(&a), "{a}");
        assert!(!looks_like_token("wsk_short"));
        assert!(!looks_like_token(&a.replace(PREFIX, "xyz_")));
        assert_eq!(hash(&a).len(), 64);
        assert!(!hash(&a).contains(&a[PREFIX.len()..]));
    }
}
