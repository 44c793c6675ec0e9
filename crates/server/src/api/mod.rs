//! The JSON API under `/api`, described by `openapi.rs` at `/api/openapi.json`. Every handler
//! takes a [`crate::auth::Caller`] and asks it for the role it needs.

pub mod accounts;
mod audit;
mod openapi;
pub mod scans;
mod schedules;
mod share;
mod tokens;

use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::{get, post};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/scans", post(scans::start).get(scans::list))
        .route("/api/scans/{id}", get(scans::get).delete(scans::cancel))
        .route("/api/scans/{id}/events", get(scans::events))
        .route("/api/scans/{id}/reports/{format}", get(scans::report))
        .route("/api/scans/{id}/diff", get(scans::diff))
        .route("/api/accounts", get(accounts::list))
        .route("/api/accounts/{id}/trend", get(accounts::trend))
        .route("/api/accounts/{id}/share", post(share::create))
        .route(
            "/api/schedules",
            get(schedules::list).post(schedules::create),
        )
        .route(
            "/api/schedules/{id}",
            axum::routing::delete(schedules::delete),
        )
        .route("/api/tokens", get(tokens::list).post(tokens::create))
        .route("/api/tokens/{id}", axum::routing::delete(tokens::revoke))
        .route("/api/audit", get(audit::list))
}

/// A JSON body whose every rejection is an [`ApiError`] (400, 413 or 415 with a message).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<ApiJson<T>, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    let status = rejection.status();
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "body_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        _ => "bad_request",
    };
    ApiError::new(status, code, rejection.body_text())
}

/// Query parameters whose rejection is an [`ApiError`].
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiQuery<T>, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_rejection(rejection)),
        }
    }
}

fn query_rejection(rejection: QueryRejection) -> ApiError {
    ApiError::bad_request(rejection.body_text())
}

/// A page of a list: `limit` (1–500, default 50) from `offset`.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
pub struct Page {
    #[serde(default = "default_limit")]
    pub limit: usize,
    #[serde(default)]
    pub offset: usize,
}

fn default_limit() -> usize {
    50
}

impl Page {
    pub fn check(self) -> Result<Page, ApiError> {
        if !(1..=500).contains(&self.limit) {
            return Err(ApiError::bad_request("limit must be 1 to 500"));
        }
        if self.offset > 1_000_000 {
            return Err(ApiError::bad_request("offset must be at most 1,000,000"));
        }
        Ok(self)
    }
}
