//! The schedules page: every recurring scan with its next and last run; admins make and remove
//! them through the same checks as `/api/schedules`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::{AccountFields, Browser, UiError, layout, see_other};
use crate::auth::Role;
use crate::state::AppState;

async fn render(
    state: &AppState,
    who: &crate::auth::Principal,
    error: Option<&str>,
) -> Result<Html<String>, UiError> {
    let schedules = state.db.schedules(None).await?;
    Ok(layout(
        "Schedules",
        Some(who),
        html! {
            h1 { "Schedules" }
            @if state.eventbridge.is_some() {
                p { "EventBridge Scheduler starts these scans, with the deployment's external id: they run whether or not this service is up." }
            }
            @if let Some(error) = error { p.error role="alert" { (error) } }
            @if schedules.is_empty() { p.empty { "No schedule yet." } } @else {
                table.schedules {
                    thead { tr { th { "Cron" } th { "Time zone" } th { "Scans" } th { "Next run (UTC)" } th { "Last scan" } th { "" } } }
                    tbody {
                        @for s in &schedules {
                            tr {
                                td { code { (s.cron) } }
                                td { (s.time_zone) }
                                td { @if s.scan.demo { "the demo account" } @else { (s.scan.account_id.clone().unwrap_or_default()) } }
                                td { (s.next_run_at.format("%Y-%m-%d %H:%M:%S")) }
                                td { @if let Some(id) = &s.last_scan_id { a href={"/scans/" (id)} { (id) } } @else { "–" } }
                                td { @if who.role >= Role::Admin {
                                    form method="post" action={"/schedules/" (s.id) "/delete"} { button.secondary type="submit" { "Remove" } }
                                } }
                            }
                        }
                    }
                }
            }
            @if who.role >= Role::Admin {
                h2 { "Add a schedule" }
                form.card method="post" action="/schedules" {
                    label for="cron" { "Cron (minute hour day month weekday)" }
                    input #cron name="cron" required placeholder="0 2 * * *";
                    label for="time_zone" { "Time zone" }
                    input #time_zone name="time_zone" value="UTC" required;
                    label { input type="checkbox" name="demo" value="yes" checked; " The demo account" }
                    @if !state.demo_only {
                        label for="account_id" { "Or an account id" }
                        input #account_id name="account_id" inputmode="numeric";
                        label for="role_arn" { "Role ARN" }
                        input #role_arn name="role_arn";
                        @if state.eventbridge.is_none() {
                            label for="external_id" { "External id" }
                            input #external_id name="external_id" type="password" autocomplete="off";
                        }
                    }
                    button type="submit" { "Add" }
                }
            }
        },
    ))
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    browser: Browser,
) -> Result<Html<String>, UiError> {
    let who = browser.require(Role::Viewer)?;
    render(&state, who, None).await
}

#[derive(Debug, Deserialize)]
pub struct Create {
    cron: String,
    time_zone: String,
    #[serde(default)]
    demo: Option<String>,
    #[serde(flatten)]
    account: AccountFields,
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    axum::Form(form): axum::Form<Create>,
) -> Result<Response, UiError> {
    let who = browser.require(Role::Admin)?;
    let scan = form.account.request(form.demo.is_some(), None);
    match crate::schedules::add(&state, who, form.cron.trim(), form.time_zone.trim(), scan).await {
        Ok(_) => {}
        Err(e) if e.status.as_u16() == 400 => {
            return Ok((e.status, render(&state, who, Some(&e.message)).await?).into_response());
        }
        Err(e) => return Err(UiError(e)),
    }
    Ok(see_other("/schedules"))
}

pub async fn delete(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let who = browser.require(Role::Admin)?;
    crate::schedules::remove(&state, who, &id).await?;
    Ok(see_other("/schedules"))
}
