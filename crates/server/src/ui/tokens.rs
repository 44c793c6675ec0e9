//! Admins' page of API tokens: list, make (the secret shown once), revoke.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::{Browser, UiError, layout, see_other};
use crate::auth::{NewToken, Role};
use crate::error::{ApiError, ServeError};
use crate::state::AppState;

fn serve_error(e: ServeError) -> UiError {
    match e {
        ServeError::Db(e) => UiError(ApiError::from(e)),
        other => UiError(ApiError::internal(&other)),
    }
}

async fn render(
    state: &AppState,
    who: &crate::auth::Principal,
    made: Option<&NewToken>,
    error: Option<&str>,
) -> Result<Html<String>, UiError> {
    let tokens = state.db.tokens().await?;
    Ok(layout(
        "Tokens",
        Some(who),
        html! {
            h1 { "API tokens" }
            @if let Some(error) = error { p.error role="alert" { (error) } }
            @if let Some(made) = made {
                section.card.made {
                    p { "Token " strong { (made.info.name) } " (" (made.info.role) ") is made. Copy it now: it is never shown again." }
                    pre #new-token { (made.token) }
                }
            }
            table.tokens {
                thead { tr { th { "Id" } th { "Name" } th { "Role" } th { "Made" } th { "Last used" } th { "" } } }
                tbody {
                    @for t in &tokens {
                        tr {
                            td { code { (t.id) } }
                            td { (t.name) }
                            td { (t.role) }
                            td { (t.created_at.format("%Y-%m-%d %H:%M")) " by " (t.created_by) }
                            td { (t.last_used_at.map(|u| u.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "never".into())) }
                            td {
                                @if t.revoked_at.is_some() { "revoked" } @else {
                                    form method="post" action={"/tokens/" (t.id) "/revoke"} {
                                        button.secondary type="submit" { "Revoke" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Make a token" }
            form.card method="post" action="/tokens" {
                label for="name" { "Name (who or what uses it)" }
                input #name name="name" required maxlength="100";
                label for="role" { "Role" }
                select #role name="role" {
                    option value="viewer" { "viewer: reads scans and reports" }
                    option value="auditor" { "auditor: also starts and cancels scans" }
                    option value="admin" { "admin: also manages tokens" }
                }
                button type="submit" { "Make the token" }
            }
        },
    ))
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    browser: Browser,
) -> Result<Html<String>, UiError> {
    let who = browser.require(Role::Admin)?;
    render(&state, who, None, None).await
}

#[derive(Debug, Deserialize)]
pub struct Create {
    name: String,
    role: Role,
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    axum::Form(form): axum::Form<Create>,
) -> Result<Response, UiError> {
    let who = browser.require(Role::Admin)?;
    let name = match crate::auth::check_token_name(&form.name) {
        Ok(name) => name,
        Err(e) => {
            return Ok((
                axum::http::StatusCode::BAD_REQUEST,
                render(&state, who, None, Some(&e)).await?,
            )
                .into_response());
        }
    };
    let made = crate::auth::create_token(state.db.as_ref(), name, form.role, &who.actor)
        .await
        .map_err(serve_error)?;
    Ok(render(&state, who, Some(&made), None)
        .await?
        .into_response())
}

pub async fn revoke(
    State(state): State<Arc<AppState>>,
    browser: Browser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let who = browser.require(Role::Admin)?;
    if !crate::auth::revoke_token(state.db.as_ref(), &id, &who.actor)
        .await
        .map_err(serve_error)?
    {
        return Err(UiError(ApiError::not_found(format!("no live token {id}"))));
    }
    Ok(see_other("/tokens"))
}
