//! REST APIs: GetRestApis, then each API's stages (GetStages answers with all of them, their
//! settings for every method under `*/*`, and their tags).

use serde_json::Value;
use wellscan_aws::rest::{self as api, label};
use wellscan_model::{ApiProtocol, ApiStage, Resource};

use crate::json::{bool, flag, items, map, str};
use crate::unit::{Collected, Paging, UnitCtx};

/// API Gateway's client (REST APIs).
type ApiGateway = api::Client<api::ApiGateway>;

/// The method-settings key that applies to every resource and method of a stage.
const EVERY_METHOD: &str = "*/*";

/// `position` both ways.
const POSITION: Paging = Paging {
    request: "position",
    answer: "position",
};

pub(super) async fn stages(ctx: &UnitCtx) -> Collected {
    let client = ctx.client::<ApiGateway>();
    let mut apis = Vec::new();
    let listed = crate::rest::pages(
        ctx,
        &client,
        "GetRestApis",
        "/restapis",
        &[],
        POSITION,
        |page| apis.extend(items(&page, "item").cloned()),
    )
    .await;
    let mut out = listed.map(|()| Vec::new());
    if apis.is_empty() {
        return out;
    }
    let client = &client;
    let read = ctx
        .fan_out(apis, |api| async move {
            let path = format!(
                "/restapis/{}/stages",
                label(str(&api, "id").unwrap_or_default())
            );
            let got = client.get("GetStages", &path, &[]).await;
            (api, got)
        })
        .await;
    out.depth += 1;
    for (api, got) in read {
        match got {
            Ok(got) => out.found.extend(
                items(&got, "item")
                    .filter_map(|s| stage(ctx, &api, s))
                    .map(Resource::from),
            ),
            Err(e) => out.gaps.push(ctx.gap("GetStages", &e)),
        }
    }
    out
}

fn stage(ctx: &UnitCtx, api: &Value, s: &Value) -> Option<ApiStage> {
    let api_id = str(api, "id")?;
    let name = str(s, "stageName")?;
    let every = s.get("methodSettings").and_then(|m| m.get(EVERY_METHOD));
    Some(ApiStage {
        id: format!("{api_id}/{name}"),
        arn: super::stage_arn(ctx, "restapis", api_id, name),
        region: ctx.region.clone(),
        tags: crate::unit::tags(map(s, "tags")),
        unknown: Default::default(),
        api_id: api_id.to_string(),
        api_name: str(api, "name").unwrap_or_default().to_string(),
        protocol: ApiProtocol::Rest,
        stage: name.to_string(),
        endpoint_type: api
            .get("endpointConfiguration")
            .and_then(|e| items(e, "types").next())
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        access_log_destination: s
            .get("accessLogSettings")
            .and_then(|a| str(a, "destinationArn"))
            .map(String::from),
        execution_logging: every.and_then(|m| str(m, "loggingLevel")).map(String::from),
        tracing: flag(s, "tracingEnabled"),
        throttling_rate_limit: every
            .and_then(|m| m.get("throttlingRateLimit"))
            .and_then(Value::as_f64)
            .filter(|rate| *rate > 0.0),
        web_acl: str(s, "webAclArn").map(String::from),
        cache_enabled: flag(s, "cacheClusterEnabled"),
        cache_encrypted: every.and_then(|m| bool(m, "cacheDataEncrypted")) == Some(true),
    })
}
