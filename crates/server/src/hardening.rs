//! What every answer gets, whatever route made it: a request id (the caller's `X-Request-Id`
//! when it is sane, else a new one) on the response and on every log line of the request, one
//! structured log line per request, the security headers, and a JSON 500 instead of a dropped
//! connection when a handler panics.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::FutureExt;
use tracing::Instrument;

use crate::error::ApiError;
use crate::state::AppState;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The pages' policy: like the HTML report's, nothing loads from elsewhere and only our own
/// script runs; unlike it, the page may talk to its own origin (live progress).
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The same for `/embed`, which other sites' dashboards frame.
pub const CSP_EMBED: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

fn request_id(request: &Request) -> String {
    request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        })
        .map(String::from)
        .unwrap_or_else(|| crate::auth::token::new_id().unwrap_or_else(|_| "unknown".into()))
}

pub async fn layer(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let id = request_id(&request);
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let span = tracing::info_span!("request", request_id = %id, %method, %path);
    let started = Instant::now();
    let run = std::panic::AssertUnwindSafe(next.run(request)).catch_unwind();
    let mut response = match run.instrument(span.clone()).await {
        Ok(response) => response,
        Err(_) => {
            span.in_scope(|| tracing::error!("the handler panicked"));
            ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the service could not complete the request; its log has the cause under this request's id",
            )
            .into_response()
        }
    };
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "request"
        )
    });
    let embed = path.starts_with("/embed/");
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(REQUEST_ID, value);
    }
    // A page that brings its own policy keeps it (a scan's HTML report allows its own script
    // by hash, and nothing else).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let csp = if embed { CSP_EMBED } else { CSP };
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // `same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null` with a
    // form, and the same-origin check on a signed-in browser's changes could not tell it apart
    // from a sandboxed page elsewhere.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !embed {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if state.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if path.starts_with("/api/") && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Unknown paths answer JSON too.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such path; the API is described at /api/openapi.json")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this path does not take that method; see /api/openapi.json",
    )
}
