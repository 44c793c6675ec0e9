pub mod access_logging_off;
pub mod cache_unencrypted;
pub mod no_throttling;
pub mod no_waf;
pub mod tracing_off;

#[cfg(test)]
use wellscan_model::{ApiProtocol, ApiStage, Resource};

/// A regional REST API's `prod` stage with access and execution logs, tracing, a stage
/// throttle, a web ACL and an encrypted cache; `f` makes it what a test needs. `id` is
/// `api-id/stage`.
#[cfg(test)]
pub(crate) fn stage(id: &str, f: impl FnOnce(&mut ApiStage)) -> Resource {
    let (api, name) = id.split_once('/').unwrap_or((id, "prod"));
    let mut s = ApiStage {
        id: id.into(),
        arn: format!("arn:aws:apigateway:us-east-1::/restapis/{api}/stages/{name}"),
        region: "us-east-1".into(),
        api_id: api.into(),
        api_name: "orders".into(),
        protocol: ApiProtocol::Rest,
        stage: name.into(),
        endpoint_type: "REGIONAL".into(),
        access_log_destination: Some(
            "arn:aws:logs:us-east-1:123456789012:log-group:api-access".into(),
        ),
        execution_logging: Some("ERROR".into()),
        tracing: true,
        throttling_rate_limit: Some(500.0),
        web_acl: Some("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1".into()),
        cache_enabled: true,
        cache_encrypted: true,
        ..Default::default()
    };
    f(&mut s);
    s.into()
}

/// `stage` as an HTTP API's, which has no tracing, WAF or cache of its own.
#[cfg(test)]
pub(crate) fn http_stage(id: &str, f: impl FnOnce(&mut ApiStage)) -> Resource {
    stage(id, |s| {
        s.protocol = ApiProtocol::Http;
        s.arn = s.arn.replace("/restapis/", "/apis/");
        s.execution_logging = None;
        s.tracing = false;
        s.web_acl = None;
        s.cache_enabled = false;
        s.cache_encrypted = false;
        f(s);
    })
}
