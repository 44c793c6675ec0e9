//! The demo account's API Gateway: the public orders API as it should be, the partner EDI API
//! set up in 2019 and never revisited, and the tracking site's HTTP API in Ireland.

use super::*;

impl Gen {
    pub(super) fn apis(&mut self) {
        let stage = |region: &str, api_id: &str, api_name: &str, stage: &str| ApiStage {
            id: format!("{api_id}/{stage}"),
            arn: format!("arn:aws:apigateway:{region}::/restapis/{api_id}/stages/{stage}"),
            region: region.into(),
            tags: tags(&[("Owner", "team-orders"), ("Environment", "prod")]),
            api_id: api_id.into(),
            api_name: api_name.into(),
            protocol: ApiProtocol::Rest,
            stage: stage.into(),
            endpoint_type: "REGIONAL".into(),
            ..Default::default()
        };
        let orders = ApiStage {
            access_log_destination: Some(arn(
                "logs",
                "us-east-1",
                "log-group:/aws/apigateway/orders-public",
            )),
            execution_logging: Some("ERROR".into()),
            tracing: true,
            throttling_rate_limit: Some(800.0),
            web_acl: Some(arn(
                "wafv2",
                "us-east-1",
                "regional/webacl/kumo-api/3f1c2a9e-5b7d-4e21-9c3a-0d6e8f7a1b2c",
            )),
            cache_enabled: true,
            cache_encrypted: true,
            ..stage("us-east-1", "k8x2mq7v1d", "orders-public", "prod")
        };
        let edi = ApiStage {
            tags: tags(&[("Owner", "team-finance"), ("Environment", "prod")]),
            endpoint_type: "EDGE".into(),
            // Saved once from the console, which writes the account's own limit.
            throttling_rate_limit: Some(10_000.0),
            cache_enabled: true,
            cache_encrypted: false,
            ..stage("us-east-1", "p3edi0w9zt", "partner-edi", "prod")
        };
        let tracking = ApiStage {
            arn: "arn:aws:apigateway:eu-west-1::/apis/t7rk4c2xg5/stages/$default".into(),
            tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
            protocol: ApiProtocol::Http,
            ..stage("eu-west-1", "t7rk4c2xg5", "tracking", "$default")
        };
        for s in [orders, edi, tracking] {
            self.resources.push(s.into());
        }
    }
}
