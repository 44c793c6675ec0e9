//! Signing in with an API token, and out.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::{UiError, layout, see_other};
use crate::auth::session;
use crate::state::AppState;

pub async fn form(State(state): State<Arc<AppState>>) -> Response {
    page(state.oidc.is_some(), None).into_response()
}

fn page(oidc: bool, error: Option<&str>) -> axum::response::Html<String> {
    layout(
        "Sign in",
        None,
        html! {
            h1 { "Sign in" }
            @if let Some(error) = error {
                p.error role="alert" { (error) }
            }
            @if oidc {
                p { a.button #oidc href="/auth/login" { "Sign in with your identity provider" } }
                p.hint { "Or with an API token:" }
            }
            form.card method="post" action="/signin" {
                label for="token" { "API token" }
                input #token type="password" name="token" autocomplete="off" required placeholder="wsk_…";
                p.hint { "An admin makes one with " code { "wellscan token create" } "." }
                button type="submit" { "Sign in" }
            }
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct SignIn {
    token: String,
}

pub async fn submit(
    State(state): State<Arc<AppState>>,
    axum::Form(form): axum::Form<SignIn>,
) -> Result<Response, UiError> {
    let principal = match crate::auth::principal_from_token(&state, form.token.trim()).await {
        Ok(principal) => principal,
        Err(e) if e.status.as_u16() == 401 => {
            return Ok((
                e.status,
                page(
                    state.oidc.is_some(),
                    Some("That token is not valid (unknown or revoked)."),
                ),
            )
                .into_response());
        }
        Err(e) => return Err(UiError(e)),
    };
    state.rate.check(&principal.key)?;
    let cookie = session::start(&state, &principal).await?;
    state
        .audit(&principal.actor, "session.start", "browser", "")
        .await?;
    let mut response = see_other("/");
    if let Ok(value) = header::HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

pub async fn signout(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Result<Response, UiError> {
    let (parts, _) = request.into_parts();
    session::same_origin(&parts)?;
    session::end(&parts, &state).await?;
    let mut response = see_other("/signin");
    if let Ok(value) = header::HeaderValue::from_str(&session::clear()) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}
