//! `/api/audit`: the newest changes made through the service, for admins.

use std::sync::Arc;

use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::ApiQuery;
use crate::auth::{Caller, Role};
use crate::db::AuditEntry;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct Query {
    #[serde(default = "default_limit")]
    pub limit: usize,
}

fn default_limit() -> usize {
    100
}

#[derive(Debug, Serialize)]
pub struct Audit {
    pub entries: Vec<AuditEntry>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    ApiQuery(query): ApiQuery<Query>,
) -> Result<axum::Json<Audit>, ApiError> {
    caller.require(Role::Admin)?;
    if !(1..=1_000).contains(&query.limit) {
        return Err(ApiError::bad_request("limit must be 1 to 1,000"));
    }
    Ok(axum::Json(Audit {
        entries: state.db.audit_log(query.limit).await?,
    }))
}
