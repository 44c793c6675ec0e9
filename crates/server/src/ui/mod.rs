//! The web pages: server-rendered with maud (every value from an account escaped), one small
//! script for live progress (`static/ui.js`, allowed by the Content-Security-Policy as
//! `'self'`, with no inline script anywhere), and working with JavaScript off except for live
//! updates. A browser signs in with an API token and gets a session cookie (`auth/session.rs`);
//! every page reads and changes through the same functions as the API, so the roles, the audit
//! log and the checks are the API's.

mod accounts;
mod diff;
mod embed;
mod scans;
mod schedules;
mod signin;
pub mod sparkline;
mod tokens;

use std::sync::Arc;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{DOCTYPE, Markup, html};

use crate::auth::{Principal, Role};
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(accounts::page))
        .route("/signin", get(signin::form).post(signin::submit))
        .route("/signout", post(signin::signout))
        .route("/auth/login", get(crate::auth::login::start))
        .route("/auth/callback", get(crate::auth::login::callback))
        .route("/scans/new", get(scans::new_form))
        .route("/scans", post(scans::start))
        .route("/scans/{id}", get(scans::page))
        .route("/scans/{id}/cancel", post(scans::cancel))
        .route("/scans/{id}/report", get(scans::report))
        .route("/diff", get(diff::page))
        .route("/schedules", get(schedules::page).post(schedules::create))
        .route("/schedules/{id}/delete", post(schedules::delete))
        .route("/tokens", get(tokens::page).post(tokens::create))
        .route("/tokens/{id}/revoke", post(tokens::revoke))
        .route("/embed/accounts/{id}", get(embed::page))
        .route("/embed/accounts/{id}/badge.svg", get(embed::badge))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/static/ui.css", get(css))
        .route("/static/ui.js", get(js))
}

pub const CSS: &str = include_str!("static/ui.css");
const JS: &str = include_str!("static/ui.js");

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        CSS,
    )
}

async fn js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        JS,
    )
}

/// A signed-in browser; any other request is sent to the sign-in page.
pub struct Browser(pub Principal);

impl FromRequestParts<Arc<AppState>> for Browser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Browser, Response> {
        match crate::auth::session::principal(parts, state).await {
            Ok(Some(principal)) => {
                if !parts.method.is_safe() {
                    crate::auth::session::same_origin(parts)
                        .map_err(|e| UiError(e).into_response())?;
                }
                state
                    .rate
                    .check(&principal.key)
                    .map_err(|e| UiError(e).into_response())?;
                Ok(Browser(principal))
            }
            Ok(None) => Err(Redirect::to("/signin").into_response()),
            Err(e) => Err(UiError(e).into_response()),
        }
    }
}

impl Browser {
    pub fn require(&self, role: Role) -> Result<&Principal, UiError> {
        crate::auth::Caller(self.0.clone())
            .require(role)
            .map(|_| &self.0)
            .map_err(UiError)
    }
}

/// An error shown as a page, with the API's status and message.
#[derive(Debug)]
pub struct UiError(pub ApiError);

impl From<ApiError> for UiError {
    fn from(e: ApiError) -> UiError {
        UiError(e)
    }
}

impl From<crate::db::DbError> for UiError {
    fn from(e: crate::db::DbError) -> UiError {
        UiError(ApiError::from(e))
    }
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let status = self.0.status;
        let mut response = (
            status,
            layout(
                "Error",
                None,
                html! {
                    h1 { "Something is not right" }
                    p.error { (self.0.message) }
                    p { a href="/" { "Back to the accounts" } }
                },
            ),
        )
            .into_response();
        if let Some(seconds) = self.0.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        response
    }
}

/// Every page: the header with what the caller may reach, then `body`.
pub fn layout(title: &str, who: Option<&Principal>, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · wellscan" }
                    link rel="stylesheet" href="/static/ui.css";
                    script src="/static/ui.js" defer {}
                }
                body {
                    header.top {
                        a.brand href="/" { "wellscan" }
                        @if let Some(who) = who {
                            nav {
                                a href="/" { "Accounts" }
                                @if who.role >= Role::Auditor {
                                    a href="/scans/new" { "New audit" }
                                }
                                a href="/schedules" { "Schedules" }
                                @if who.role >= Role::Admin {
                                    a href="/tokens" { "Tokens" }
                                }
                            }
                            form.signout method="post" action="/signout" {
                                span.who { (who.actor) " · " (who.role) }
                                button type="submit" { "Sign out" }
                            }
                        }
                    }
                    main { (body) }
                }
            }
        }
        .into_string(),
    )
}

/// A 303 to `to`, what a form's POST answers.
pub fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response()
}

/// A score with its class for colour: good, fair or poor.
pub fn score_class(score: u8) -> &'static str {
    match score {
        80.. => "good",
        60..=79 => "fair",
        _ => "poor",
    }
}

/// The account a form names: a role and its external id, never a credential.
#[derive(Debug, Default, serde::Deserialize)]
pub struct AccountFields {
    #[serde(default)]
    account_id: String,
    #[serde(default)]
    role_arn: String,
    #[serde(default)]
    external_id: String,
}

impl AccountFields {
    /// The scan these fields ask for: the demo, or the account through its role.
    pub fn request(&self, demo: bool, regions: Option<Vec<String>>) -> crate::jobs::ScanRequest {
        let field = |text: &str| given(text).filter(|_| !demo);
        crate::jobs::ScanRequest {
            demo,
            account_id: field(&self.account_id),
            role_arn: field(&self.role_arn),
            external_id: field(&self.external_id),
            regions,
            formats: None,
        }
    }
}

/// A form field's text, trimmed; `None` when empty.
pub fn given(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A pillar's column heading: OPS, SEC, REL, PERF, COST, SUS.
pub fn pillar_short(p: wellscan_model::Pillar) -> &'static str {
    use wellscan_model::Pillar as P;
    match p {
        P::OperationalExcellence => "OPS",
        P::Security => "SEC",
        P::Reliability => "REL",
        P::PerformanceEfficiency => "PERF",
        P::CostOptimization => "COST",
        P::Sustainability => "SUS",
    }
}
