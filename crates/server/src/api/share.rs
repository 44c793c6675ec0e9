//! `POST /api/accounts/{id}/share`: admins make a share link to an account's summary.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ApiJson;
use crate::auth::{Caller, Role};
use crate::error::ApiError;
use crate::share::MAX_DAYS;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// How long the link lives, in days (1 to 365).
    pub days: i64,
}

#[derive(Debug, Serialize)]
pub struct Shared {
    pub page: String,
    pub badge: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(account): Path<String>,
    ApiJson(ask): ApiJson<Ask>,
) -> Result<(StatusCode, axum::Json<Shared>), ApiError> {
    let who = caller.require(Role::Admin)?;
    if !(1..=MAX_DAYS).contains(&ask.days) {
        return Err(ApiError::bad_request(format!(
            "days must be 1 to {MAX_DAYS}"
        )));
    }
    if !crate::api::accounts::summaries(&state)
        .await?
        .iter()
        .any(|a| a.account_id == account)
    {
        return Err(ApiError::not_found(format!(
            "account {account} has no finished scan to share"
        )));
    }
    let expires_at = Utc::now() + chrono::Duration::days(ask.days);
    let query = state.share.query(&account, expires_at.timestamp());
    state
        .audit(
            &who.actor,
            "share.create",
            &format!("account:{account}"),
            format!("until {}", expires_at.to_rfc3339()),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Shared {
            page: format!("/embed/accounts/{account}?{query}"),
            badge: format!("/embed/accounts/{account}/badge.svg?{query}"),
            expires_at,
        }),
    ))
}
