//! HTTP and WebSocket APIs (API Gateway v2): GetApis, then each API's stages, both paged by
//! continuation token (the SDK has no paginator for them).

use aws_sdk_apigatewayv2::types::{Api, ProtocolType, Stage};
use wellscan_model::{ApiProtocol, ApiStage, Resource};

use crate::unit::{Collected, Partial, UnitCtx};

pub(super) async fn stages(ctx: &UnitCtx) -> Collected {
    let client = ctx.client::<aws_sdk_apigatewayv2::Client>();
    let mut apis: Vec<Api> = Vec::new();
    let listed = ctx
        .token_pages(
            "GetApis",
            |token| client.get_apis().set_next_token(token).send(),
            |page| {
                page.next_token()
                    .filter(|t| !t.is_empty())
                    .map(String::from)
            },
            |page| apis.extend(page.items().iter().cloned()),
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
async fn api_stages(
    ctx: &UnitCtx,
    client: &aws_sdk_apigatewayv2::Client,
    api: &Api,
) -> Partial<Vec<ApiStage>> {
    let Some(id) = api.api_id() else {
        return Partial::of(Vec::new());
    };
    let mut found = Vec::new();
    let read = ctx
        .token_pages(
            "GetStages",
            |token| client.get_stages().api_id(id).set_next_token(token).send(),
            |page| {
                page.next_token()
                    .filter(|t| !t.is_empty())
                    .map(String::from)
            },
            |page| found.extend(page.items().iter().filter_map(|s| stage(ctx, api, id, s))),
        )
        .await;
    read.map(|()| found)
}

fn stage(ctx: &UnitCtx, api: &Api, api_id: &str, s: &Stage) -> Option<ApiStage> {
    let name = s.stage_name()?;
    Some(ApiStage {
        id: format!("{api_id}/{name}"),
        arn: super::stage_arn(ctx, "apis", api_id, name),
        region: ctx.region.clone(),
        tags: crate::unit::tags(
            s.tags()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        ),
        unknown: Default::default(),
        api_id: api_id.to_string(),
        api_name: api.name().unwrap_or_default().to_string(),
        protocol: match api.protocol_type() {
            Some(ProtocolType::Websocket) => ApiProtocol::Websocket,
            _ => ApiProtocol::Http,
        },
        stage: name.to_string(),
        endpoint_type: "REGIONAL".into(),
        access_log_destination: s
            .access_log_settings()
            .and_then(|a| a.destination_arn())
            .map(String::from),
        execution_logging: None,
        tracing: false,
        throttling_rate_limit: s
            .default_route_settings()
            .and_then(|r| r.throttling_rate_limit())
            .filter(|rate| *rate > 0.0),
        web_acl: None,
        cache_enabled: false,
        cache_encrypted: false,
    })
}
