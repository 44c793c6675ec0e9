//! `/api/schedules`: recurring scans the service runs itself. Everyone may read them; admins make
//! and remove them.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::ApiJson;
use crate::auth::{Caller, Role};
use crate::error::ApiError;
use crate::jobs::ScanRequest;
use crate::schedules::{Schedule, next_run};
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
            .schedules(None)?
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
    ask.scan
        .validate(state.demo_only)
        .map_err(ApiError::bad_request)?;
    let now = Utc::now();
    let next_run_at = next_run(&ask.cron, &ask.time_zone, now).map_err(ApiError::bad_request)?;
    let id = crate::auth::token::new_id()
        .map_err(|_| ApiError::internal(&std::io::Error::other("the random source failed")))?;
    let schedule = Schedule {
        id,
        cron: ask.cron,
        time_zone: ask.time_zone,
        scan: ask.scan,
        created_by: who.actor.clone(),
        created_at: now,
        next_run_at,
        last_run_at: None,
        last_scan_id: None,
    };
    state.db.put_schedule(&schedule)?;
    state.audit(
        &who.actor,
        "schedule.create",
        &format!("schedule:{}", schedule.id),
        format!(
            "{} ({}) {}",
            schedule.cron,
            schedule.time_zone,
            schedule.scan.public()
        ),
    )?;
    Ok((StatusCode::CREATED, axum::Json(schedule.public())))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let who = caller.require(Role::Admin)?;
    if !state.db.delete_schedule(&id)? {
        return Err(ApiError::not_found(format!("no schedule {id}")));
    }
    state.audit(&who.actor, "schedule.delete", &format!("schedule:{id}"), "")?;
    Ok(StatusCode::NO_CONTENT)
}
