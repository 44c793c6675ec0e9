//! API Gateway: the stages of REST APIs (`rest.rs`) and of HTTP and WebSocket APIs (`http.rs`),
//! each with its logging, throttling, WAF, tracing and cache settings and its tags. Both APIs
//! are read side by side.

mod http;
mod rest;

use crate::unit::{Collected, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "apigateway"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let (rest, http) = tokio::join!(rest::stages(ctx), http::stages(ctx));
    let mut out = Collected::of(Vec::new());
    let rest = out.absorb(rest);
    let http = out.absorb(http);
    out.found.extend(rest);
    out.found.extend(http);
    out
}

/// The ARN of one stage: `/restapis/{id}` for REST APIs, `/apis/{id}` for HTTP and WebSocket.
fn stage_arn(ctx: &UnitCtx, kind: &str, api: &str, stage: &str) -> String {
    format!(
        "arn:{}:apigateway:{}::/{kind}/{api}/stages/{stage}",
        ctx.partition, ctx.region
    )
}
