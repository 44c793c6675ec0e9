//! REST APIs: GetRestApis, then each API's stages (GetStages answers with all of them, their
//! settings for every method under `*/*`, and their tags).

use aws_sdk_apigateway::types::{RestApi, Stage};
use wellscan_model::{ApiProtocol, ApiStage, Resource};

use crate::unit::{Collected, UnitCtx};

/// The method-settings key that applies to every resource and method of a stage.
const EVERY_METHOD: &str = "*/*";

pub(super) async fn stages(ctx: &UnitCtx) -> Collected {
    let client = ctx.client::<aws_sdk_apigateway::Client>();
    let listed = ctx
        .list(
            "GetRestApis",
            client.get_rest_apis().into_paginator().send(),
            |page| page.items().to_vec(),
        )
        .await;
    let mut out = Collected::of(Vec::new());
    let apis = out.absorb(listed);
    if apis.is_empty() {
        return out;
    }
    let client = &client;
    let read = ctx
        .fan_out(apis, |api| async move {
            let id = api.id().unwrap_or_default().to_string();
            let got = client.get_stages().rest_api_id(&id).send().await;
            (api, got)
        })
        .await;
    out.depth += 1;
    for (api, got) in read {
        match got {
            Ok(got) => out.found.extend(
                got.item()
                    .iter()
                    .filter_map(|s| stage(ctx, &api, s))
                    .map(Resource::from),
            ),
            Err(e) => out.gaps.push(ctx.gap("GetStages", &e)),
        }
    }
    out
}

fn stage(ctx: &UnitCtx, api: &RestApi, s: &Stage) -> Option<ApiStage> {
    let api_id = api.id()?;
    let name = s.stage_name()?;
    let every = s.method_settings().and_then(|m| m.get(EVERY_METHOD));
    Some(ApiStage {
        id: format!("{api_id}/{name}"),
        arn: super::stage_arn(ctx, "restapis", api_id, name),
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
        protocol: ApiProtocol::Rest,
        stage: name.to_string(),
        endpoint_type: api
            .endpoint_configuration()
            .and_then(|e| e.types().first())
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        access_log_destination: s
            .access_log_settings()
            .and_then(|a| a.destination_arn())
            .map(String::from),
        execution_logging: every.and_then(|m| m.logging_level()).map(String::from),
        tracing: s.tracing_enabled(),
        throttling_rate_limit: every
            .map(|m| m.throttling_rate_limit())
            .filter(|rate| *rate > 0.0),
        web_acl: s.web_acl_arn().map(String::from),
        cache_enabled: s.cache_cluster_enabled(),
        cache_encrypted: every.is_some_and(|m| m.cache_data_encrypted()),
    })
}
