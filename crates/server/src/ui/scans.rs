//! Starting an audit, watching it, and its page once done: scores, since the last scan,
//! downloads, the full report, and a comparison with another scan.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::Value;

use super::{AccountFields, Browser, UiError, given, layout, score_class, see_other};
use crate::api::scans::{ListQuery, REPORTS, ScanView, load};
use crate::auth::Role;
use crate::error::ApiError;
use crate::jobs::JobStatus;
use crate::state::AppState;

pub async fn new_form(
    State(state): State<Arc<AppState>>,
    browser: Browser,
) -> Result<Html<String>, UiError> {
    let who = browser.require(Role::Auditor)?;
    Ok(layout("New audit", Some(who), form(state.demo_only, None)))
}

fn form(demo_only: bool, error: Option<&str>) -> Markup {
    html! {
        h1 { "New audit" }
        @if let Some(error) = error { p.error role="alert" { (error) } }
        form.card method="post" action="/scans" {
            fieldset {
                legend { "What to scan" }
                label { input type="radio" name="kind" value="demo" checked; " The demo account (recorded; no AWS)" }
                @if !demo_only {
                    label { input type="radio" name="kind" value="account"; " An account, through a role wellscan assumes" }
                }
            }
            @if demo_only {
                p.hint { "This service runs demo scans only." }
            } @else {
                fieldset {
                    legend { "The account (no credentials: a role and its external id)" }
                    label for="account_id" { "Account id" }
                    input #account_id name="account_id" inputmode="numeric" pattern="[0-9]{12}" placeholder="123456789012";
                    label for="role_arn" { "Role ARN" }
                    input #role_arn name="role_arn" placeholder="arn:aws:iam::123456789012:role/WellscanScan";
                    label for="external_id" { "External id" }
                    input #external_id name="external_id" type="password" autocomplete="off";
                }
            }
            label for="regions" { "Regions (comma-separated; empty for all)" }
            input #regions name="regions" placeholder="eu-west-1, us-east-1";
            button type="submit" { "Start the audit" }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct StartForm {
    kind: String,
    #[serde(flatten)]
    account: AccountFields,
    #[serde(default)]
    regions: String,
}

pub async fn start(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    axum::Form(form_data): axum::Form<StartForm>,
) -> Result<Response, UiError> {
    let who = browser.require(Role::Auditor)?;
    let regions: Vec<String> = form_data.regions.split(',').filter_map(given).collect();
    let demo = form_data.kind == "demo";
    let request = form_data
        .account
        .request(demo, (!regions.is_empty()).then_some(regions));
    match crate::api::scans::queue_scan(&state, who, request).await {
        Ok(id) => Ok(see_other(&format!("/scans/{id}"))),
        Err(e) if e.status.as_u16() == 400 => Ok((
            e.status,
            layout(
                "New audit",
                Some(who),
                form(state.demo_only, Some(&e.message)),
            ),
        )
            .into_response()),
        Err(e) => Err(UiError(e)),
    }
}

pub async fn cancel(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let who = browser.require(Role::Auditor)?;
    crate::api::scans::cancel_scan(&state, who, &id).await?;
    Ok(see_other(&format!("/scans/{id}")))
}

/// What the saved assessment says about the previous scan: (new, resolved, the previous id).
fn since_last(state: &AppState, id: &str) -> Option<(usize, usize, String)> {
    let path = state.reports_dir.join(id).join("assessment.json");
    let text = std::fs::read(path).ok()?;
    let value: Value = serde_json::from_slice(&text).ok()?;
    let diff = &value["since_last"]["diff"];
    Some((
        diff["new"].as_array()?.len(),
        diff["resolved"].as_array()?.len(),
        diff["from_scan"].as_str()?.to_string(),
    ))
}

fn progress(scan: &ScanView) -> Markup {
    let p = scan.progress.clone().unwrap_or_default();
    html! {
        section #live data-events={"/api/scans/" (scan.id) "/events"} aria-live="polite" {
            p { "Status: " span #status class={"status " (scan.status.id())} { (scan.status.id()) } }
            p { "Stage: " span #stage { (p.stage.clone().unwrap_or_else(|| "waiting for a free slot".into())) } }
            p #detail { (p.detail.clone().unwrap_or_default()) }
            dl.counters {
                dt { "Regions" } dd #regions { (p.regions.done) " of " (p.regions.total) }
                dt { "Services" } dd #services { (p.services.done) " of " (p.services.total) }
                dt { "Pillars analysed" } dd #pillars { (p.pillars.done) " of " (p.pillars.total) }
            }
            noscript { p.hint { "Live updates need JavaScript; " a href={"/scans/" (scan.id)} { "reload" } " to see where it is." } }
        }
    }
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    Path(id): Path<String>,
) -> Result<Html<String>, UiError> {
    let who = browser.require(Role::Viewer)?;
    let scan = load(&state, &id).await?;
    let done = matches!(scan.status, JobStatus::Succeeded | JobStatus::Partial);
    let others = match (&scan.account_id, done) {
        (Some(account), true) => crate::api::scans::find(
            &state,
            &ListQuery {
                account: Some(account.clone()),
                status: None,
                limit: 100,
                offset: 0,
            },
        )
        .await?
        .scans
        .into_iter()
        .filter(|s| {
            s.id != scan.id && matches!(s.status, JobStatus::Succeeded | JobStatus::Partial)
        })
        .collect(),
        _ => Vec::new(),
    };
    let since = since_last(&state, &scan.id);
    Ok(layout(
        &format!("Scan {}", scan.id),
        Some(who),
        html! {
            h1 { "Scan " (scan.id) }
            p.meta {
                "Account " (scan.account_id.clone().unwrap_or_else(|| "not known yet".into()))
                " · started " (scan.created_at.format("%Y-%m-%d %H:%M:%S UTC"))
                @if let Some(by) = &scan.requested_by { " · by " (by) }
            }
            @if !scan.status.is_finished() {
                (progress(&scan))
                @if who.role >= Role::Auditor {
                    form method="post" action={"/scans/" (scan.id) "/cancel"} {
                        button.secondary type="submit" { "Cancel this scan" }
                    }
                }
            } @else {
                p { "Status: " span #status class={"status " (scan.status.id())} { (scan.status.id()) } }
                @if let Some(error) = &scan.error { p.error { (error) } }
            }
            @if done {
                @if let Some(overall) = scan.overall_score {
                    section.scores {
                        h2 { "Scores" }
                        p.overall { "Overall " span class={"score " (score_class(overall))} { (overall) } " / 100" }
                        table {
                            @for p in &scan.pillars {
                                tr {
                                    th { (p.pillar.title()) }
                                    td { meter min="0" max="100" low="60" high="80" optimum="100" value=(p.score) { (p.score) } }
                                    td { (p.score) }
                                }
                            }
                        }
                        p { (scan.findings.unwrap_or_default()) " findings · "
                            (format!("${:.0}", scan.monthly_savings_usd.unwrap_or_default())) " a month to save · "
                            (scan.coverage_gaps.unwrap_or_default()) " coverage gaps" }
                    }
                }
                section.since {
                    h2 { "Since the last scan" }
                    @match &since {
                        Some((new, resolved, previous)) => p {
                            (new) " new, " (resolved) " resolved since "
                            a href={"/diff?from=" (previous) "&to=" (scan.id)} { (previous) }
                        },
                        None => p { "This is the account's first scan of its kind." },
                    }
                }
                section.downloads {
                    h2 { "Reports" }
                    ul {
                        @for link in &scan.reports {
                            li { a href=(link.href) download { "Download " (link.format.to_uppercase()) } }
                        }
                    }
                    @if scan.reports.iter().any(|r| r.format == "html") {
                        p { a href={"/scans/" (scan.id) "/report"} { "Open the full report" } " — every finding, filterable by pillar, severity, region, service or text." }
                    }
                }
                @if !others.is_empty() {
                    section.compare {
                        h2 { "Compare" }
                        form method="get" action="/diff" {
                            input type="hidden" name="to" value=(scan.id);
                            label for="from" { "With the earlier scan" }
                            select #from name="from" {
                                @for other in &others { option value=(other.id) { (other.id) " (" (other.overall_score.unwrap_or_default()) ")" } }
                            }
                            button type="submit" { "Compare" }
                        }
                    }
                }
            }
        },
    ))
}

/// The scan's HTML report, inline, under its own Content-Security-Policy (the one its page
/// declares, which allows its own script by hash).
pub async fn report(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    browser.require(Role::Viewer)?;
    let file = REPORTS
        .iter()
        .find(|(format, _, _)| *format == "html")
        .map(|(_, file, _)| *file)
        .unwrap_or("report.html");
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(UiError(ApiError::not_found("no such scan")));
    }
    let html = tokio::fs::read_to_string(state.reports_dir.join(&id).join(file))
        .await
        .map_err(|_| {
            UiError(ApiError::not_found(format!(
                "scan {id} has no HTML report here"
            )))
        })?;
    let marker = "http-equiv=\"Content-Security-Policy\" content=\"";
    let policy = html
        .find(marker)
        .map(|at| &html[at + marker.len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("default-src 'none'")
        .to_string();
    let mut response = Html(html).into_response();
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}
