//! `/api/tokens`: admins list, make and revoke API tokens. A token's secret is shown once, in
//! the answer that made it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::ApiJson;
use crate::auth::{Caller, NewToken, Role};
use crate::db::TokenInfo;
use crate::error::{ApiError, ServeError};
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct Tokens {
    pub tokens: Vec<TokenInfo>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<axum::Json<Tokens>, ApiError> {
    caller.require(Role::Admin)?;
    Ok(axum::Json(Tokens {
        tokens: state.db.tokens().await?,
    }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Create {
    pub name: String,
    pub role: Role,
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    ApiJson(request): ApiJson<Create>,
) -> Result<(StatusCode, axum::Json<NewToken>), ApiError> {
    let who = caller.require(Role::Admin)?;
    let name = crate::auth::check_token_name(&request.name).map_err(ApiError::bad_request)?;
    let made = crate::auth::create_token(state.db.as_ref(), name, request.role, &who.actor)
        .await
        .map_err(serve_error)?;
    Ok((StatusCode::CREATED, axum::Json(made)))
}

pub async fn revoke(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let who = caller.require(Role::Admin)?;
    if crate::auth::revoke_token(state.db.as_ref(), &id, &who.actor)
        .await
        .map_err(serve_error)?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!("no live token {id}")))
    }
}

fn serve_error(e: ServeError) -> ApiError {
    match e {
        ServeError::Db(e) => ApiError::from(e),
        other => ApiError::internal(&other),
    }
}
