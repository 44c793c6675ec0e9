//! Two scans of one account side by side: the score changes and the findings new and resolved.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Html;
use maud::{Markup, html};
use serde::Deserialize;
use wellscan_model::StoredFinding;

use super::{Browser, UiError, layout};
use crate::auth::Role;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct Pair {
    from: String,
    to: String,
}

/// At most this many findings per list; the JSON diff has them all.
const LISTED: usize = 200;

fn findings(title: &str, list: &[&StoredFinding]) -> Markup {
    html! {
        h2 { (title) " (" (list.len()) ")" }
        @if !list.is_empty() {
            table.findings {
                thead { tr { th { "Severity" } th { "Finding" } th { "Resource" } th { "Region" } } }
                tbody {
                    @for f in list.iter().take(LISTED) {
                        tr {
                            td { span class={"sev " (f.severity.id())} { (f.severity.id()) } }
                            td { (f.title) }
                            td { (f.resource_name) br; small { (f.resource_id) } }
                            td { (f.region) }
                        }
                    }
                }
            }
            @if list.len() > LISTED { p.hint { "… and " (list.len() - LISTED) " more." } }
        }
    }
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    pair: Result<Query<Pair>, axum::extract::rejection::QueryRejection>,
) -> Result<Html<String>, UiError> {
    let who = browser.require(Role::Viewer)?;
    let Query(pair) = pair.map_err(|e| UiError(ApiError::bad_request(e.body_text())))?;
    let d = crate::api::scans::compare(&state, &pair.from, &pair.to).await?;
    let new: Vec<&StoredFinding> = d.new.iter().collect();
    let fixed: Vec<&StoredFinding> = d
        .resolved
        .iter()
        .filter(|r| !r.resource_gone)
        .map(|r| &r.finding)
        .collect();
    let gone: Vec<&StoredFinding> = d
        .resolved
        .iter()
        .filter(|r| r.resource_gone)
        .map(|r| &r.finding)
        .collect();
    Ok(layout(
        "Compare scans",
        Some(who),
        html! {
            h1 { "What changed" }
            p.meta { a href={"/scans/" (d.from_scan)} { (d.from_scan) } " → " a href={"/scans/" (d.to_scan)} { (d.to_scan) } }
            table.deltas {
                tr { th { "Overall" } td { (format!("{:+}", d.overall_delta)) } }
                @for p in &d.pillars {
                    tr { th { (p.pillar.title()) } td { (p.before) " → " (p.after) " (" (format!("{:+}", p.delta)) ")" } }
                }
                tr { th { "Savings / month" } td { (format!("{:+.0} $", d.savings_delta_usd)) } }
            }
            p { (d.still_open.len()) " findings still open; " (d.gone.len()) " resources gone." }
            (findings("New", &new))
            (findings("Fixed", &fixed))
            (findings("Resolved with their resource gone", &gone))
        },
    ))
}
