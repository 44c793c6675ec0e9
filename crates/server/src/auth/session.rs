//! Browser sessions: after a sign-in, the browser holds a random secret in a
//! `Secure; HttpOnly; SameSite=Strict` cookie and the service keeps only its hash, with who
//! signed in and their role. A session made from an API token ends when the token is revoked.

use axum::http::header;
use axum::http::request::Parts;
use chrono::{Duration, Utc};

use super::{Principal, token};
use crate::error::ApiError;
use crate::state::AppState;

pub const COOKIE: &str = "wellscan_session";

/// How long a session lasts.
pub const LIFETIME_HOURS: i64 = 12;

/// Starts a session for `principal`; returns the `Set-Cookie` value.
pub async fn start(state: &AppState, principal: &Principal) -> Result<String, ApiError> {
    let secret = token::generate()
        .map_err(|_| ApiError::internal(&std::io::Error::other("the random source failed")))?;
    let now = Utc::now();
    state
        .db
        .insert_session(
            &token::hash(&secret),
            principal,
            now,
            now + Duration::hours(LIFETIME_HOURS),
        )
        .await?;
    Ok(format!(
        "{COOKIE}={secret}; Path=/; Max-Age={}; Secure; HttpOnly; SameSite=Strict",
        LIFETIME_HOURS * 3600
    ))
}

/// The `Set-Cookie` value that ends the session in the browser.
pub fn clear() -> String {
    format!("{COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict")
}

/// The session cookie's secret, if the request carries one.
pub fn secret(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| token::looks_like_token(v))
}

/// The caller of the request's session, if it has a live one.
pub async fn principal(parts: &Parts, state: &AppState) -> Result<Option<Principal>, ApiError> {
    let Some(secret) = secret(parts) else {
        return Ok(None);
    };
    let Some(principal) = state.db.session(&token::hash(&secret), Utc::now()).await? else {
        return Ok(None);
    };
    // A session signed in with an API token lives only as long as the token.
    if let Some(id) = principal.key.strip_prefix("token:") {
        let live = state
            .db
            .token(id)
            .await?
            .is_some_and(|t| t.revoked_at.is_none());
        if !live {
            return Ok(None);
        }
    }
    Ok(Some(principal))
}

/// Ends the request's session, if any.
pub async fn end(parts: &Parts, state: &AppState) -> Result<(), ApiError> {
    if let Some(secret) = secret(parts) {
        state.db.delete_session(&token::hash(&secret)).await?;
    }
    Ok(())
}

/// A change asked for by a browser must come from this service's own pages: a request whose
/// `Origin` names another site is refused (SameSite=Strict already keeps the cookie from
/// cross-site requests; this holds even for a browser that ignores it).
pub fn same_origin(parts: &Parts) -> Result<(), ApiError> {
    let Some(origin) = parts
        .headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
    else {
        return Ok(());
    };
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin.split("://").nth(1).unwrap_or_default();
    if !host.is_empty() && origin_host == host {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "this change must come from the service's own pages",
        ))
    }
}
