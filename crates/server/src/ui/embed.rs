//! What a share link shows without signing in: one account's summary as a small page to frame
//! (no script, no link into the service) and a badge with its overall score.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, html};
use serde::Deserialize;

use super::sparkline::sparkline;
use super::{UiError, score_class};
use crate::api::accounts::AccountSummary;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct Link {
    expires: i64,
    sig: String,
}

async fn summary(state: &AppState, account: &str, link: &Link) -> Result<AccountSummary, UiError> {
    if !state
        .share
        .verify(account, link.expires, &link.sig, chrono::Utc::now())
    {
        return Err(UiError(ApiError::forbidden(
            "this share link is not valid: it was changed, or it has expired",
        )));
    }
    crate::api::accounts::summaries(state)
        .await?
        .into_iter()
        .find(|a| a.account_id == account)
        .ok_or_else(|| UiError(ApiError::not_found("the account has no finished scan")))
}

pub async fn page(
    State(state): State<Arc<AppState>>,
    Path(account): Path<String>,
    Query(link): Query<Link>,
) -> Result<Html<String>, UiError> {
    let a = summary(&state, &account, &link).await?;
    let overall = a.overall_score.unwrap_or_default();
    Ok(Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    title { "wellscan · " (a.account_id) }
                    link rel="stylesheet" href="/static/ui.css";
                }
                body.embed {
                    main {
                        h1 { "Account " (a.account_id) }
                        p.overall { "Overall " span class={"score " (score_class(overall))} { (overall) } " / 100 " (sparkline(&a.trend)) }
                        table {
                            @for p in &a.pillars {
                                tr { th { (p.pillar.title()) } td { meter min="0" max="100" low="60" high="80" optimum="100" value=(p.score) { (p.score) } } td { (p.score) } }
                            }
                        }
                        p.meta { (a.findings) " findings · " (format!("${:.0}", a.monthly_savings_usd)) " a month to save · scanned " (a.latest_at.format("%Y-%m-%d %H:%M UTC")) }
                    }
                }
            }
        }
        .into_string(),
    ))
}

pub async fn badge(
    State(state): State<Arc<AppState>>,
    Path(account): Path<String>,
    Query(link): Query<Link>,
) -> Result<Response, UiError> {
    let a = summary(&state, &account, &link).await?;
    let score = a.overall_score.unwrap_or_default();
    let colour = match score_class(score) {
        "good" => "#1b7a3d",
        "fair" => "#9a6400",
        _ => "#b3261e",
    };
    let svg = html! {
        svg xmlns="http://www.w3.org/2000/svg" width="150" height="20" role="img" aria-label={"Well-Architected score: " (score) "/100"} {
            title { "Well-Architected score: " (score) "/100" }
            rect width="86" height="20" fill="#555" {}
            rect x="86" width="64" height="20" fill=(colour) {}
            g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11" {
                text x="8" y="14" { "wellscan" }
                text x="94" y="14" { (score) "/100" }
            }
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        svg.into_string(),
    )
        .into_response())
}
