//! Signing in through the OIDC issuer in a browser: the authorization-code flow with PKCE
//! (S256). `/auth/login` sends the browser to the issuer with a fresh state, nonce and code
//! challenge (the verifier stays here, the state also in a short-lived cookie that binds the
//! flow to this browser); `/auth/callback` exchanges the code with the verifier, checks the ID
//! token (signature, issuer, audience = the client id, expiry, nonce) and starts a session.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::Deserialize;

use super::{Principal, oidc::Oidc, session};
use crate::error::ApiError;
use crate::state::AppState;

const LOGIN_COOKIE: &str = "wellscan_login";

/// How long a sign-in may take at the issuer.
const PENDING_FOR: Duration = Duration::from_secs(600);

/// Sign-ins under way, by state.
#[derive(Debug, Default)]
pub struct Pending {
    flows: Mutex<HashMap<String, Flow>>,
}

#[derive(Debug)]
struct Flow {
    verifier: String,
    nonce: String,
    redirect_uri: String,
    at: Instant,
}

fn random() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    aws_lc_rs::rand::fill(&mut bytes)
        .map_err(|_| ApiError::internal(&std::io::Error::other("the random source failed")))?;
    Ok(B64.encode(bytes))
}

fn oidc(state: &AppState) -> Result<&Arc<Oidc>, ApiError> {
    state
        .oidc
        .as_ref()
        .ok_or_else(|| ApiError::not_found("this service signs in with API tokens only"))
}

/// Where the issuer sends the browser back: this service as the browser reached it.
fn redirect_uri(parts: &Parts, https: bool) -> String {
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if https { "https" } else { "http" };
    format!("{scheme}://{host}/auth/callback")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn set_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

pub async fn start(State(state): State<Arc<AppState>>, parts: Parts) -> Result<Response, ApiError> {
    let oidc = oidc(&state)?;
    let endpoint = oidc
        .metadata()
        .await
        .map_err(|e| ApiError::unavailable(e.to_string()))?
        .authorization_endpoint
        .clone()
        .ok_or_else(|| ApiError::unavailable("the OIDC issuer names no authorization endpoint"))?;
    let (flow_state, verifier, nonce) = (random()?, random()?, random()?);
    let challenge = B64.encode(aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        verifier.as_bytes(),
    ));
    let redirect = redirect_uri(&parts, state.https);
    {
        let mut flows = state.logins.flows.lock().unwrap_or_else(|p| p.into_inner());
        flows.retain(|_, f| f.at.elapsed() < PENDING_FOR);
        if flows.len() > 10_000 {
            return Err(ApiError::unavailable(
                "too many sign-ins under way; try again in a minute",
            ));
        }
        flows.insert(
            flow_state.clone(),
            Flow {
                verifier,
                nonce: nonce.clone(),
                redirect_uri: redirect.clone(),
                at: Instant::now(),
            },
        );
    }
    let location = format!(
        "{endpoint}{}response_type=code&client_id={}&redirect_uri={}&scope=openid%20email%20profile&state={}&nonce={}&code_challenge={}&code_challenge_method=S256",
        if endpoint.contains('?') { '&' } else { '?' },
        encode(&oidc.config.client_id),
        encode(&redirect),
        encode(&flow_state),
        encode(&nonce),
        encode(&challenge),
    );
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    set_cookie(
        &mut response,
        &format!(
            "{LOGIN_COOKIE}={flow_state}; Path=/auth/; Max-Age={}; Secure; HttpOnly; SameSite=Lax",
            PENDING_FOR.as_secs()
        ),
    );
    Ok(response)
}

#[derive(Debug, Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

fn login_cookie(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOGIN_COOKIE)
        .map(|(_, value)| value.to_string())
}

pub async fn callback(
    State(state): State<Arc<AppState>>,
    parts: Parts,
    Query(answer): Query<Callback>,
) -> Result<Response, ApiError> {
    let oidc = oidc(&state)?;
    if let Some(error) = answer.error {
        return Err(ApiError::unauthenticated(format!(
            "the identity provider refused the sign-in: {error} {}",
            answer.error_description.unwrap_or_default()
        )));
    }
    let (Some(code), Some(flow_state)) = (answer.code, answer.state) else {
        return Err(ApiError::bad_request(
            "the sign-in answer has no code or state",
        ));
    };
    if login_cookie(&parts).as_deref() != Some(flow_state.as_str()) {
        return Err(ApiError::unauthenticated(
            "this sign-in was not started in this browser: start again from /signin",
        ));
    }
    let flow = state
        .logins
        .flows
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&flow_state)
        .filter(|f| f.at.elapsed() < PENDING_FOR)
        .ok_or_else(|| ApiError::unauthenticated("the sign-in expired or was used: start again"))?;
    let mut form = format!(
        "grant_type=authorization_code&code={}&redirect_uri={}&client_id={}&code_verifier={}",
        encode(&code),
        encode(&flow.redirect_uri),
        encode(&oidc.config.client_id),
        encode(&flow.verifier)
    );
    if let Some(secret) = &oidc.config.client_secret {
        form.push_str(&format!("&client_secret={}", encode(secret)));
    }
    let tokens = oidc.exchange(form).await.map_err(|e| {
        ApiError::unauthenticated(format!("the sign-in could not be completed: {e}"))
    })?;
    let id_token = tokens["id_token"]
        .as_str()
        .ok_or_else(|| ApiError::unauthenticated("the identity provider sent no ID token"))?;
    let claims = oidc
        .validate(id_token, &oidc.config.client_id)
        .await
        .map_err(|why| ApiError::unauthenticated(format!("the ID token is refused: {why}")))?;
    if claims["nonce"].as_str() != Some(flow.nonce.as_str()) {
        return Err(ApiError::unauthenticated(
            "the ID token is not for this sign-in (nonce)",
        ));
    }
    let actor = Oidc::actor(&claims);
    let role = oidc.role(&claims).ok_or_else(|| {
        ApiError::forbidden(format!(
            "{actor} has no wellscan role: the issuer must put viewer, auditor or admin in the `{}` claim",
            oidc.config.role_claim
        ))
    })?;
    let principal = Principal {
        key: format!("oidc:{}", claims["sub"].as_str().unwrap_or("unknown")),
        actor,
        role,
    };
    let cookie = session::start(&state, &principal).await?;
    state
        .audit(&principal.actor, "session.start", "browser", "oidc")
        .await?;
    // A page, not a redirect: the session cookie is SameSite=Strict, and a browser leaves it off
    // a redirect chain that began at the issuer's site. The refresh is a navigation of our own.
    let mut response = Html(
        "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/\"><title>Signed in · wellscan</title><p>Signed in. <a href=\"/\">Continue</a></p>",
    )
    .into_response();
    set_cookie(&mut response, &cookie);
    set_cookie(
        &mut response,
        &format!("{LOGIN_COOKIE}=; Path=/auth/; Max-Age=0; Secure; HttpOnly; SameSite=Lax"),
    );
    Ok(response)
}
