//! `/healthz` (the process answers) and `/readyz` (the history answers and the queue takes
//! scans), both without authentication, for the load balancer.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use crate::error::ApiError;
use crate::state::AppState;

pub async fn alive() -> axum::Json<serde_json::Value> {
    axum::Json(json!({"status": "alive"}))
}

pub async fn ready(
    State(state): State<Arc<AppState>>,
) -> Result<(StatusCode, axum::Json<serde_json::Value>), ApiError> {
    if !state.queue.is_accepting() {
        return Err(ApiError::unavailable("the service is shutting down"));
    }
    if let Err(e) = state.history.list(None, 1).await {
        tracing::warn!(error = %e, "the history does not answer");
        return Err(ApiError::unavailable("the history does not answer"));
    }
    Ok((
        StatusCode::OK,
        axum::Json(json!({
            "status": "ready",
            "scans_live": state.queue.live_count(),
            "max_concurrent_scans": state.queue.max(),
        })),
    ))
}
