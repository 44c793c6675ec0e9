//! `start_scan`: listed only when scans are allowed (`wellscan mcp --allow-scans`, `wellscan
//! serve --mcp-allow-scans` for callers who may start scans). It queues a demo scan or a scan
//! of an account through a role, with the same orchestrator as the CLI and the service, and
//! answers at once with the scan's id.

use async_trait::async_trait;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Answer, json};
use crate::{Caller, ToolError};

pub const NAME: &str = "start_scan";

/// A scan to start: the demo, or an account through a role.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanRequest {
    /// Scan the recorded demo account (no AWS call).
    #[serde(default)]
    pub demo: bool,
    /// The role to assume in the account to scan; it must allow wellscan's read-only policy.
    #[serde(default)]
    pub role_arn: Option<String>,
    /// The external id the role's trust policy asks for.
    #[serde(default)]
    pub external_id: Option<String>,
    /// The regions to scan (default: every enabled region, or every recorded one for the demo).
    #[serde(default)]
    pub regions: Option<Vec<String>>,
}

/// Starts scans for the MCP server: the CLI runs them in its own process, the service puts
/// them on its queue.
#[async_trait]
pub trait Launcher: Send + Sync {
    /// Checks `request` and starts it for `caller`; the scan's id, or why not.
    async fn start(&self, request: ScanRequest, caller: &Caller) -> Result<String, String>;
}

pub fn tool() -> rmcp::model::Tool {
    use rmcp::model::ToolAnnotations;
    rmcp::model::Tool::new(
        NAME,
        "Starts a wellscan assessment: the demo account, or an AWS account through a role \
         (read-only calls only). Answers at once with the scan's id; list_scans shows its status \
         and scan_summary and findings read it once it has finished.",
        super::schema::<ScanRequest>(),
    )
    .with_title("Start a scan")
    .with_annotations(
        ToolAnnotations::with_title("Start a scan")
            .read_only(false)
            .destructive(false)
            .idempotent(false)
            .open_world(true),
    )
}

#[derive(Debug, Serialize)]
struct Started {
    scan_id: String,
    status: &'static str,
}

pub async fn call(
    launcher: &dyn Launcher,
    request: ScanRequest,
    caller: &Caller,
) -> Result<Answer, ToolError> {
    if !caller.may_start_scans {
        return Err(ToolError::Refused(format!(
            "{} may not start scans: the service's auditor role can",
            caller.actor
        )));
    }
    if !request.demo && request.role_arn.is_none() {
        return Err(ToolError::Input(
            "name what to scan: `demo: true`, or the `role_arn` of the account".into(),
        ));
    }
    let scan_id = launcher
        .start(request, caller)
        .await
        .map_err(ToolError::Refused)?;
    Ok(Answer {
        intro: format!("Scan {scan_id} is started."),
        value: json(&Started {
            scan_id,
            status: "queued",
        })?,
    })
}
