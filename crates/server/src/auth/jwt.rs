//! JSON Web Tokens as an OpenID Connect issuer signs them: the header's algorithm and key id,
//! the signature checked against the issuer's published key (RS256 or ES256 only; `none` and
//! HMAC are refused, so a token cannot choose to be unsigned or signed with a public key), then
//! the claims: `iss`, `aud`, `exp` and `nbf` with a minute of clock skew.

use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED, RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents, UnparsedPublicKey,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::Deserialize;
use serde_json::Value;

/// Clock difference tolerated between the issuer and the service.
pub const LEEWAY_SECONDS: i64 = 60;

/// Why a token was refused. The message is safe to show the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("the token is not a signed JWT")]
    Malformed,
    #[error("the token is signed with {0}; only RS256 and ES256 are accepted")]
    Algorithm(String),
    #[error("the token names a signing key the issuer does not publish")]
    UnknownKey,
    #[error("the token's signature does not verify")]
    Signature,
    #[error("the token is from another issuer")]
    Issuer,
    #[error("the token is for another audience")]
    Audience,
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid yet")]
    NotYetValid,
}

/// One key of a JWKS document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Jwk {
    #[serde(default)]
    pub kid: Option<String>,
    pub kty: String,
    #[serde(default)]
    pub alg: Option<String>,
    #[serde(default, rename = "use")]
    pub usage: Option<String>,
    #[serde(default)]
    pub n: Option<String>,
    #[serde(default)]
    pub e: Option<String>,
    #[serde(default)]
    pub crv: Option<String>,
    #[serde(default)]
    pub x: Option<String>,
    #[serde(default)]
    pub y: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

/// What the header says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Header {
    pub alg: String,
    #[serde(default)]
    pub kid: Option<String>,
}

fn part(text: &str) -> Result<Vec<u8>, JwtError> {
    B64.decode(text.trim_end_matches('='))
        .map_err(|_| JwtError::Malformed)
}

/// The header of `token`, read before any key is chosen.
pub fn header(token: &str) -> Result<Header, JwtError> {
    let first = token.split('.').next().ok_or(JwtError::Malformed)?;
    let header: Header = serde_json::from_slice(&part(first)?).map_err(|_| JwtError::Malformed)?;
    match header.alg.as_str() {
        "RS256" | "ES256" => Ok(header),
        other => Err(JwtError::Algorithm(other.to_string())),
    }
}

/// The key of `keys` that `header` names: by `kid`, or the only signing key when the token
/// names none.
pub fn choose<'k>(keys: &'k [Jwk], header: &Header) -> Option<&'k Jwk> {
    let signing = |k: &&Jwk| k.usage.as_deref().is_none_or(|u| u == "sig");
    match &header.kid {
        Some(kid) => keys
            .iter()
            .filter(signing)
            .find(|k| k.kid.as_deref() == Some(kid)),
        None => {
            let mut all = keys.iter().filter(signing);
            match (all.next(), all.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        }
    }
}

/// The claims of `token`, if `key` signed it.
pub fn verify(token: &str, header: &Header, key: &Jwk) -> Result<Value, JwtError> {
    let mut parts = token.split('.');
    let (Some(h), Some(c), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let signed = &token[..h.len() + 1 + c.len()];
    let signature = part(s)?;
    if key.alg.as_deref().is_some_and(|a| a != header.alg) {
        return Err(JwtError::Signature);
    }
    let valid = match (header.alg.as_str(), key.kty.as_str()) {
        ("RS256", "RSA") => {
            let (Some(n), Some(e)) = (&key.n, &key.e) else {
                return Err(JwtError::UnknownKey);
            };
            RsaPublicKeyComponents {
                n: part(n)?,
                e: part(e)?,
            }
            .verify(&RSA_PKCS1_2048_8192_SHA256, signed.as_bytes(), &signature)
            .is_ok()
        }
        ("ES256", "EC") if key.crv.as_deref() == Some("P-256") => {
            let (Some(x), Some(y)) = (&key.x, &key.y) else {
                return Err(JwtError::UnknownKey);
            };
            let mut point = vec![4u8];
            point.extend(part(x)?);
            point.extend(part(y)?);
            UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point)
                .verify(signed.as_bytes(), &signature)
                .is_ok()
        }
        _ => false,
    };
    if !valid {
        return Err(JwtError::Signature);
    }
    serde_json::from_slice(&part(c)?).map_err(|_| JwtError::Malformed)
}

/// Whether verified `claims` are for this service, now.
pub fn check_claims(
    claims: &Value,
    issuer: &str,
    audience: &str,
    now: i64,
) -> Result<(), JwtError> {
    if claims["iss"].as_str() != Some(issuer) {
        return Err(JwtError::Issuer);
    }
    let for_us = match &claims["aud"] {
        Value::String(a) => a == audience,
        Value::Array(all) => all.iter().any(|a| a.as_str() == Some(audience)),
        _ => false,
    };
    if !for_us {
        return Err(JwtError::Audience);
    }
    let exp = claims["exp"].as_i64().ok_or(JwtError::Expired)?;
    if exp + LEEWAY_SECONDS <= now {
        return Err(JwtError::Expired);
    }
    if let Some(nbf) = claims["nbf"].as_i64()
        && nbf - LEEWAY_SECONDS > now
    {
        return Err(JwtError::NotYetValid);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
    use serde_json::json;

    fn es256() -> (EcdsaKeyPair, Jwk) {
        let rng = SystemRandom::new();
        let pkcs8 =
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).expect("key");
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref())
            .expect("key");
        let point = pair.public_key().as_ref().to_vec();
        let jwk = Jwk {
            kid: Some("ec-1".into()),
            kty: "EC".into(),
            alg: Some("ES256".into()),
            usage: Some("sig".into()),
            n: None,
            e: None,
            crv: Some("P-256".into()),
            x: Some(B64.encode(&point[1..33])),
            y: Some(B64.encode(&point[33..65])),
        };
        (pair, jwk)
    }

    fn sign(pair: &EcdsaKeyPair, header: &Value, claims: &Value) -> String {
        let input = format!(
            "{}.{}",
            B64.encode(header.to_string()),
            B64.encode(claims.to_string())
        );
        let sig = pair
            .sign(&SystemRandom::new(), input.as_bytes())
            .expect("sign");
        format!("{input}.{}", B64.encode(sig.as_ref()))
    }

    #[test]
    fn an_es256_token_verifies_and_its_claims_are_held_to_the_service() {
        let (pair, jwk) = es256();
        let claims = json!({"iss": "https://id.example", "aud": ["wellscan", "other"], "exp": 2_000, "sub": "bob"});
        let token = sign(&pair, &json!({"alg": "ES256", "kid": "ec-1"}), &claims);
        let h = header(&token).expect("header");
        let keys = [jwk];
        let key = choose(&keys, &h).expect("key");
        let read = verify(&token, &h, key).expect("verifies");
        assert_eq!(read["sub"], "bob");
        assert_eq!(
            check_claims(&read, "https://id.example", "wellscan", 1_000),
            Ok(())
        );
        assert_eq!(
            check_claims(&read, "https://id.example", "wellscan", 2_061),
            Err(JwtError::Expired)
        );
        assert_eq!(
            check_claims(&read, "https://id.example", "wellscan", 2_030),
            Ok(()),
            "within the leeway"
        );
        assert_eq!(
            check_claims(&read, "https://evil.example", "wellscan", 1_000),
            Err(JwtError::Issuer)
        );
        assert_eq!(
            check_claims(&read, "https://id.example", "billing", 1_000),
            Err(JwtError::Audience)
        );
        let early =
            json!({"iss": "https://id.example", "aud": "wellscan", "exp": 9_000, "nbf": 5_000});
        assert_eq!(
            check_claims(&early, "https://id.example", "wellscan", 1_000),
            Err(JwtError::NotYetValid)
        );

        // One changed claim breaks the signature.
        let mut parts: Vec<String> = token.split('.').map(String::from).collect();
        parts[1] = B64.encode(
            json!({"iss": "https://id.example", "aud": "wellscan", "exp": 2_000, "sub": "admin"})
                .to_string(),
        );
        assert_eq!(verify(&parts.join("."), &h, key), Err(JwtError::Signature));
    }

    #[test]
    fn unsigned_and_hmac_tokens_are_refused_before_any_key_is_read() {
        let none = format!("{}.{}.", B64.encode(r#"{"alg":"none"}"#), B64.encode("{}"));
        assert_eq!(header(&none), Err(JwtError::Algorithm("none".into())));
        let hmac = format!(
            "{}.{}.c2ln",
            B64.encode(r#"{"alg":"HS256"}"#),
            B64.encode("{}")
        );
        assert_eq!(header(&hmac), Err(JwtError::Algorithm("HS256".into())));
        assert_eq!(header("not a token"), Err(JwtError::Malformed));
    }

    #[test]
    fn a_key_for_another_algorithm_never_verifies() {
        let (pair, mut jwk) = es256();
        let token = sign(&pair, &json!({"alg": "ES256", "kid": "ec-1"}), &json!({}));
        let h = header(&token).expect("header");
        jwk.alg = Some("RS256".into());
        assert_eq!(verify(&token, &h, &jwk), Err(JwtError::Signature));
        let keys = [jwk];
        let unnamed = Header {
            alg: "ES256".into(),
            kid: Some("ec-9".into()),
        };
        assert!(choose(&keys, &unnamed).is_none());
    }
}
