//! The first page: every account with its latest scores and trend, and the latest scans.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Html;
use maud::html;
use wellscan_model::Pillar;

use super::sparkline::sparkline;
use super::{Browser, UiError, layout, score_class};
use crate::api::scans::ListQuery;
use crate::auth::Role;
use crate::state::AppState;

pub async fn page(
    State(state): State<Arc<AppState>>,
    browser: Browser,
) -> Result<Html<String>, UiError> {
    let who = browser.require(Role::Viewer)?;
    let accounts = crate::api::accounts::summaries(&state).await?;
    let recent = crate::api::scans::find(
        &state,
        &ListQuery {
            account: None,
            status: None,
            limit: 20,
            offset: 0,
        },
    )
    .await?;
    Ok(layout(
        "Accounts",
        Some(who),
        html! {
            h1 { "Accounts" }
            @if accounts.is_empty() {
                p.empty { "No finished scan yet. "
                    @if who.role >= Role::Auditor { a href="/scans/new" { "Start an audit" } "." } }
            } @else {
                table.accounts {
                    thead { tr {
                        th { "Account" } th { "Overall" }
                        @for p in Pillar::ALL { th title=(p.title()) { (super::pillar_short(p)) } }
                        th { "Findings" } th { "Savings / month" } th { "Trend" } th { "Latest scan" }
                    } }
                    tbody {
                        @for a in &accounts {
                            tr {
                                td { (a.account_id) }
                                td { @if let Some(score) = a.overall_score {
                                    span class={"score " (score_class(score))} { (score) }
                                } }
                                @for p in Pillar::ALL {
                                    td { (a.pillars.iter().find(|s| s.pillar == p).map(|s| s.score.to_string()).unwrap_or_else(|| "–".into())) }
                                }
                                td { (a.findings) }
                                td { (format!("${:.0}", a.monthly_savings_usd)) }
                                td { (sparkline(&a.trend)) }
                                td { a href={"/scans/" (a.latest_scan)} { (a.latest_at.format("%Y-%m-%d %H:%M")) } }
                            }
                        }
                    }
                }
            }
            h2 { "Latest scans" }
            table.scans {
                thead { tr { th { "Scan" } th { "Account" } th { "Status" } th { "Started (UTC)" } th { "Overall" } th { "By" } } }
                tbody {
                    @for scan in &recent.scans {
                        tr {
                            td { a href={"/scans/" (scan.id)} { (scan.id) } }
                            td { (scan.account_id.clone().unwrap_or_default()) }
                            td { span class={"status " (scan.status.id())} { (scan.status.id()) } }
                            td { (scan.created_at.format("%Y-%m-%d %H:%M")) }
                            td { (scan.overall_score.map(|s| s.to_string()).unwrap_or_default()) }
                            td { (scan.requested_by.clone().unwrap_or_else(|| "wellscan scan".into())) }
                        }
                    }
                }
            }
        },
    ))
}
