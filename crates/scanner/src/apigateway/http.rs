//! HTTP and WebSocket APIs (API Gateway v2): GetApis, then each API's stages, both paged by
//! continuation token.

use serde_json::Value;
use wellscan_aws::rest::{self as api, label};
use wellscan_model::{ApiProtocol, ApiStage, Resource};

use crate::json::{NEXT_TOKEN_LOWER, items, map, str};
use crate::unit::{Collected, Partial, UnitCtx};

/// API Gateway's client (HTTP and WebSocket APIs).
type ApiGatewayV2 = api::Client<api::ApiGatewayV2>;

pub(super) async fn stages(ctx: &UnitCtx) -> Collected {
    let client = ctx.client::<ApiGatewayV2>();
    let mut apis: Vec<Value> = Vec::new();
    let listed = crate::rest::pages(
        ctx,
        &client,
        "GetApis",
        "/v2/apis",
        &[],
        NEXT_TOKEN_LOWER,
        |page| apis.extend(items(&page, "items").cloned()),
    )
    .await;
    let mut out = Collected::of(Vec::new());
    out.absorb(listed);
    if apis.is_empty() {
        return out;
    }
    let client = &client;
    let read = ctx
        .fan_out(
            apis,
            |api| async move { api_stages(ctx, client, &api).await },
        )
        .await;
    let mut longest = 0;
    for mut stages in read {
        longest = longest.max(stages.depth);
        out.gaps.append(&mut stages.gaps);
        out.found
            .extend(stages.found.into_iter().map(Resource::from));
    }
    out.depth += longest;
    out
}

/// Every stage of one API.
async fn api_stages(ctx: &UnitCtx, client: &ApiGatewayV2, api: &Value) -> Partial<Vec<ApiStage>> {
    let Some(id) = str(api, "apiId") else {
        return Partial::of(Vec::new());
    };
    let path = format!("/v2/apis/{}/stages", label(id));
    let mut found = Vec::new();
    let read = crate::rest::pages(
        ctx,
        client,
        "GetStages",
        &path,
        &[],
        NEXT_TOKEN_LOWER,
        |page| found.extend(items(&page, "items").filter_map(|s| stage(ctx, api, id, s))),
    )
    .await;
    read.map(|()| found)
}

fn stage(ctx: &UnitCtx, api: &Value, api_id: &str, s: &Value) -> Option<ApiStage> {
    let name = str(s, "stageName")?;
    Some(ApiStage {
        id: format!("{api_id}/{name}"),
        arn: super::stage_arn(ctx, "apis", api_id, name),
        region: ctx.region.clone(),
        tags: crate::unit::tags(map(s, "tags")),
        unknown: Default::default(),
        api_id: api_id.to_string(),
        api_name: str(api, "name").unwrap_or_default().to_string(),
        protocol: match str(api, "protocolType") {
            Some("WEBSOCKET") => ApiProtocol::Websocket,
            _ => ApiProtocol::Http,
        },
        stage: name.to_string(),
        endpoint_type: "REGIONAL".into(),
        access_log_destination: s
            .get("accessLogSettings")
            .and_then(|a| str(a, "destinationArn"))
            .map(String::from),
        execution_logging: None,
        tracing: false,
        throttling_rate_limit: s
            .get("defaultRouteSettings")
            .and_then(|r| r.get("throttlingRateLimit"))
            .and_then(Value::as_f64)
            .filter(|rate| *rate > 0.0),
        web_acl: None,
        cache_enabled: false,
        cache_encrypted: false,
    })
}
