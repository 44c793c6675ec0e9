//! An OpenID Connect issuer, as `--oidc-issuer` names it: its discovery document and its JWKS,
//! fetched over HTTPS (plain HTTP only for a loopback issuer), the keys cached and fetched again
//! when a token names a key the cache lacks (at most every [`REFRESH_AT_MOST_EVERY`], so a flood
//! of made-up key ids cannot make the service hammer the issuer).

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::{Mutex, OnceCell, RwLock};

use super::Role;
use super::jwt::{self, Jwk, JwtError};

/// The JWKS is fetched again on an unknown key id at most this often.
pub const REFRESH_AT_MOST_EVERY: Duration = Duration::from_secs(10);

/// Keys older than this are fetched again before use.
pub const KEYS_MAX_AGE: Duration = Duration::from_secs(3600);

/// The claim roles come from, unless `--oidc-role-claim` names another.
pub const DEFAULT_ROLE_CLAIM: &str = "wellscan_role";

/// What the service was told about its issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcConfig {
    /// The issuer URL, exactly as tokens carry it in `iss`.
    pub issuer: String,
    /// The `aud` an API token must carry.
    pub audience: String,
    /// The claim that holds the role (a string, or a list of which the highest counts).
    pub role_claim: String,
    /// The client id browsers sign in as (the ID token's audience).
    pub client_id: String,
    /// The client's secret, for an issuer that wants one besides PKCE.
    pub client_secret: Option<String>,
}

/// Why the issuer could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error(
        "--oidc-issuer {0}: an issuer is an https:// URL (http:// only on this machine's loopback)"
    )]
    Insecure(String),
    #[error("cannot reach the OIDC issuer at {url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("the OIDC issuer's {what} at {url} is not usable: {reason}")]
    Document {
        what: &'static str,
        url: String,
        reason: String,
    },
    #[error("cannot set up TLS for the OIDC issuer: {0}")]
    Tls(String),
}

/// The parts of the discovery document the service uses.
#[derive(Debug, Clone, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub authorization_endpoint: Option<String>,
    #[serde(default)]
    pub token_endpoint: Option<String>,
}

type HttpClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>;

pub struct Oidc {
    pub config: OidcConfig,
    client: HttpClient,
    metadata: OnceCell<Metadata>,
    keys: RwLock<(Vec<Jwk>, Option<Instant>)>,
    /// When the JWKS was last fetched for an unknown key id.
    refreshed: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Oidc")
            .field("config", &self.config)
            .finish()
    }
}

/// Whether `url` is HTTPS, or HTTP to this machine.
fn acceptable(url: &str) -> bool {
    if url.starts_with("https://") {
        return true;
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    matches!(host, "127.0.0.1" | "localhost") || rest.starts_with("[::1]")
}

/// Seconds since the epoch.
fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Oidc {
    pub fn new(config: OidcConfig) -> Result<Oidc, OidcError> {
        if !acceptable(&config.issuer) {
            return Err(OidcError::Insecure(config.issuer));
        }
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_native_roots(rustls::crypto::aws_lc_rs::default_provider())
            .map_err(|e| OidcError::Tls(e.to_string()))?
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).build(https);
        Ok(Oidc {
            config,
            client,
            metadata: OnceCell::new(),
            keys: RwLock::new((Vec::new(), None)),
            refreshed: Mutex::new(None),
        })
    }

    async fn fetch(
        &self,
        what: &'static str,
        url: &str,
        form: Option<String>,
    ) -> Result<Value, OidcError> {
        if !acceptable(url) {
            return Err(OidcError::Insecure(url.to_string()));
        }
        let fail = |reason: String| OidcError::Fetch {
            url: url.to_string(),
            reason,
        };
        let mut request = hyper::Request::builder().uri(url);
        let body = match form {
            Some(form) => {
                request = request
                    .method("POST")
                    .header("content-type", "application/x-www-form-urlencoded");
                Full::new(Bytes::from(form))
            }
            None => Full::new(Bytes::new()),
        };
        let request = request
            .header("accept", "application/json")
            .body(body)
            .map_err(|e| fail(e.to_string()))?;
        let response = tokio::time::timeout(Duration::from_secs(10), self.client.request(request))
            .await
            .map_err(|_| fail("no answer within 10 s".into()))?
            .map_err(|e| fail(e.to_string()))?;
        let status = response.status();
        let bytes = tokio::time::timeout(Duration::from_secs(10), response.into_body().collect())
            .await
            .map_err(|_| fail("the answer did not finish within 10 s".into()))?
            .map_err(|e| fail(e.to_string()))?
            .to_bytes();
        if bytes.len() > 1 << 20 {
            return Err(fail("the answer is larger than 1 MiB".into()));
        }
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| OidcError::Document {
            what,
            url: url.to_string(),
            reason: format!("HTTP {status}, not JSON: {e}"),
        })?;
        if !status.is_success() {
            return Err(OidcError::Document {
                what,
                url: url.to_string(),
                reason: format!("HTTP {status}: {value}"),
            });
        }
        Ok(value)
    }

    /// The discovery document, fetched once.
    pub async fn metadata(&self) -> Result<&Metadata, OidcError> {
        self.metadata
            .get_or_try_init(|| async {
                let url = format!(
                    "{}/.well-known/openid-configuration",
                    self.config.issuer.trim_end_matches('/')
                );
                let value = self.fetch("discovery document", &url, None).await?;
                let metadata: Metadata =
                    serde_json::from_value(value).map_err(|e| OidcError::Document {
                        what: "discovery document",
                        url: url.clone(),
                        reason: e.to_string(),
                    })?;
                if metadata.issuer != self.config.issuer {
                    return Err(OidcError::Document {
                        what: "discovery document",
                        url,
                        reason: format!(
                            "it names issuer {}, not {}",
                            metadata.issuer, self.config.issuer
                        ),
                    });
                }
                Ok(metadata)
            })
            .await
    }

    async fn fetch_keys(&self) -> Result<Vec<Jwk>, OidcError> {
        let url = self.metadata().await?.jwks_uri.clone();
        let value = self.fetch("JWKS", &url, None).await?;
        let jwks: jwt::Jwks = serde_json::from_value(value).map_err(|e| OidcError::Document {
            what: "JWKS",
            url,
            reason: e.to_string(),
        })?;
        let keys = jwks.keys;
        *self.keys.write().await = (keys.clone(), Some(Instant::now()));
        Ok(keys)
    }

    /// Fetches the keys at start, so a wrong issuer is one clear error before serving.
    pub async fn warm(&self) -> Result<(), OidcError> {
        self.fetch_keys().await.map(drop)
    }

    /// The key for `header`: from the cache, or after one refresh when the cache lacks it.
    async fn key(&self, header: &jwt::Header) -> Result<Jwk, String> {
        {
            let cached = self.keys.read().await;
            let fresh = cached.1.is_some_and(|at| at.elapsed() < KEYS_MAX_AGE);
            if fresh && let Some(key) = jwt::choose(&cached.0, header) {
                return Ok(key.clone());
            }
        }
        let mut last = self.refreshed.lock().await;
        // Another request may have refreshed while this one waited.
        if let Some(key) = jwt::choose(&self.keys.read().await.0, header) {
            return Ok(key.clone());
        }
        let stale = self
            .keys
            .read()
            .await
            .1
            .is_none_or(|at| at.elapsed() >= KEYS_MAX_AGE);
        if !stale && last.is_some_and(|at| at.elapsed() < REFRESH_AT_MOST_EVERY) {
            return Err(JwtError::UnknownKey.to_string());
        }
        *last = Some(Instant::now());
        let keys = self.fetch_keys().await.map_err(|e| {
            tracing::warn!(error = %e, "could not fetch the issuer's keys");
            "the issuer's keys cannot be fetched now".to_string()
        })?;
        jwt::choose(&keys, header)
            .cloned()
            .ok_or_else(|| JwtError::UnknownKey.to_string())
    }

    /// The claims of a valid token for `audience`; the refusal's reason otherwise.
    pub async fn validate(&self, token: &str, audience: &str) -> Result<Value, String> {
        let header = jwt::header(token).map_err(|e| e.to_string())?;
        let key = self.key(&header).await?;
        let claims = jwt::verify(token, &header, &key).map_err(|e| e.to_string())?;
        jwt::check_claims(&claims, &self.config.issuer, audience, now())
            .map_err(|e| e.to_string())?;
        Ok(claims)
    }

    /// The highest role the role claim grants, if any.
    pub fn role(&self, claims: &Value) -> Option<Role> {
        let claim = &claims[self.config.role_claim.as_str()];
        let names: Vec<&str> = match claim {
            Value::String(one) => vec![one.as_str()],
            Value::Array(all) => all.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        names.iter().filter_map(|n| n.parse::<Role>().ok()).max()
    }

    /// Who the claims name, for the audit log: `oidc:<sub> (<email>)`.
    pub fn actor(claims: &Value) -> String {
        let sub = claims["sub"].as_str().unwrap_or("unknown");
        match claims["email"]
            .as_str()
            .or(claims["preferred_username"].as_str())
        {
            Some(name) => format!("oidc:{sub} ({name})"),
            None => format!("oidc:{sub}"),
        }
    }

    /// Posts the token endpoint's form (the authorization-code exchange).
    pub async fn exchange(&self, form: String) -> Result<Value, OidcError> {
        let url = self
            .metadata()
            .await?
            .token_endpoint
            .clone()
            .ok_or_else(|| OidcError::Document {
                what: "discovery document",
                url: self.config.issuer.clone(),
                reason: "it names no token_endpoint".into(),
            })?;
        self.fetch("token endpoint", &url, Some(form)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine_is_an_issuer() {
        assert!(acceptable("https://login.example.com/tenant"));
        assert!(acceptable("http://127.0.0.1:4000"));
        assert!(acceptable("http://localhost:4000/realms/x"));
        assert!(!acceptable("http://login.example.com"));
        assert!(!acceptable("http://127.0.0.1.evil.example"));
        assert!(!acceptable("ftp://x"));
    }
}
