//! `/api/schedules`: recurring scans the service runs itself. Everyone may read them; admins make
//! and remove them.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::ApiJson;
use crate::auth::{Caller, Role};
use crate::error::ApiError;
use crate::jobs::ScanRequest;
use crate::schedules::Schedule;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    pub cron: String,
    #[serde(default = "utc")]
    pub time_zone: String,
    pub scan: ScanRequest,
}

fn utc() -> String {
    "UTC".into()
}

#[derive(Debug, Serialize)]
pub struct Schedules {
    pub schedules: Vec<serde_json::Value>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<axum::Json<Schedules>, ApiError> {
    caller.require(Role::Viewer)?;
    Ok(axum::Json(Schedules {
        schedules: state
            .db
            .schedules(None)
            .await?
            .iter()
            .map(Schedule::public)
            .collect(),
    }))
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    ApiJson(ask): ApiJson<Ask>,
) -> Result<(StatusCode, axum::Json<serde_json::Value>), ApiError> {
    let who = caller.require(Role::Admin)?;
    let schedule = crate::schedules::add(&state, who, &ask.cron, &ask.time_zone, ask.scan).await?;
    Ok((StatusCode::CREATED, axum::Json(schedule.public())))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let who = caller.require(Role::Admin)?;
    crate::schedules::remove(&state, who, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
