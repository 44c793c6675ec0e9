//! The tools, one file each: its arguments (their JSON schema derived from the type that
//! reads them, unknown arguments refused), its description, and what it answers.

pub mod check;
pub mod diff;
pub mod findings;
pub mod list_accounts;
pub mod list_scans;
pub mod scan_summary;
pub mod start_scan;

use std::sync::Arc;

use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Caller, Mcp, ToolError};

/// What a tool answers: a line saying what the data is, and the data.
#[derive(Debug)]
pub struct Answer {
    pub intro: String,
    pub value: Value,
}

/// Every tool, `start_scan` only when scans are allowed.
pub fn list(scans_allowed: bool) -> Vec<Tool> {
    let mut tools = vec![
        list_accounts::tool(),
        list_scans::tool(),
        scan_summary::tool(),
        findings::tool(),
        diff::tool(),
        check::tool(),
    ];
    if scans_allowed {
        tools.push(start_scan::tool());
    }
    tools
}

pub async fn call(
    mcp: &Mcp,
    name: &str,
    arguments: JsonObject,
    caller: &Caller,
) -> Result<Answer, ToolError> {
    let archive = mcp.archive();
    match name {
        list_accounts::NAME => list_accounts::call(archive, read(arguments)?).await,
        list_scans::NAME => list_scans::call(archive, read(arguments)?).await,
        scan_summary::NAME => scan_summary::call(archive, read(arguments)?).await,
        findings::NAME => findings::call(archive, read(arguments)?).await,
        diff::NAME => diff::call(archive, read(arguments)?).await,
        check::NAME => check::call(read(arguments)?),
        start_scan::NAME => match mcp.launcher() {
            Some(launcher) => start_scan::call(launcher, read(arguments)?, caller).await,
            None => Err(unknown(name)),
        },
        other => Err(unknown(other)),
    }
}

fn unknown(name: &str) -> ToolError {
    ToolError::Input(format!(
        "no tool `{name}`: list_accounts, list_scans, scan_summary, findings, diff and check are the tools"
    ))
}

/// A tool's arguments, read by their type; the error names what is wrong with them.
fn read<T: DeserializeOwned>(arguments: JsonObject) -> Result<T, ToolError> {
    serde_json::from_value(Value::Object(arguments))
        .map_err(|e| ToolError::Input(format!("invalid arguments: {e}")))
}

/// A read-only tool with arguments `A`.
fn read_only<A: JsonSchema + 'static>(
    name: &'static str,
    title: &str,
    description: &'static str,
) -> Tool {
    Tool::new(name, description, schema::<A>())
        .with_title(title)
        .with_annotations(
            ToolAnnotations::with_title(title)
                .read_only(true)
                .destructive(false)
                .idempotent(true)
                .open_world(false),
        )
}

fn schema<A: JsonSchema + 'static>() -> Arc<JsonObject> {
    rmcp::handler::server::tool::schema_for_type::<A>()
}

/// Optional pillar, severity and such filters by their JSON ids, refused with the list of
/// valid ones.
fn pillar(id: &str) -> Result<wellscan_model::Pillar, ToolError> {
    wellscan_model::Pillar::ALL
        .into_iter()
        .find(|p| p.id() == id)
        .ok_or_else(|| {
            ToolError::Input(format!(
                "no pillar `{id}`: {}",
                wellscan_model::Pillar::ALL.map(|p| p.id()).join(", ")
            ))
        })
}

fn json<T: serde::Serialize>(value: &T) -> Result<Value, ToolError> {
    serde_json::to_value(value).map_err(|e| ToolError::Report(format!("answer: {e}")))
}
