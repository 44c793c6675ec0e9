//! API Gateway: a regional REST API stage left as created (no access or execution log, no
//! tracing, the console's default throttle of 10,000 a second, an unencrypted cache) beside a
//! private REST API stage set up with all of them, and an HTTP API stage without access logs or
//! throttle beside one with both. Stages are named by their `Name` tags (moto makes API ids
//! up).
//!
//! Left to the fixture tests: a web ACL on a public stage (the tests hold no WAF client; the
//! private twin needs none).

use aws_sdk_apigateway::types::{
    EndpointConfiguration, EndpointType, IntegrationType, Op, PatchOperation,
};
use aws_sdk_apigatewayv2::types::{AccessLogSettings, ProtocolType, RouteSettings};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["apigateway"],
    cases: &[
        (
            "apigateway.access_logging_off",
            "us-east-1/open-api-prod",
            Some("us-east-1/guarded-api-prod"),
        ),
        (
            "apigateway.access_logging_off",
            "us-east-1/open-http",
            Some("us-east-1/guarded-http"),
        ),
        (
            "apigateway.no_waf",
            "us-east-1/open-api-prod",
            Some("us-east-1/guarded-api-prod"),
        ),
        (
            "apigateway.tracing_off",
            "us-east-1/open-api-prod",
            Some("us-east-1/guarded-api-prod"),
        ),
        (
            "apigateway.no_throttling",
            "us-east-1/open-api-prod",
            Some("us-east-1/guarded-api-prod"),
        ),
        (
            "apigateway.no_throttling",
            "us-east-1/open-http",
            Some("us-east-1/guarded-http"),
        ),
        (
            "apigateway.cache_unencrypted",
            "us-east-1/open-api-prod",
            Some("us-east-1/guarded-api-prod"),
        ),
    ],
    actions: &["apigateway:GET"],
};

/// A REST API with one deployment and its `prod` stage named `name`, changed by `patches`
/// (`path`, `value`).
async fn rest_api(
    east: &aws_config::SdkConfig,
    name: &str,
    endpoint: EndpointType,
    patches: &[(&str, &str)],
) {
    let api = aws_sdk_apigateway::Client::new(east);
    let created = api
        .create_rest_api()
        .name(name)
        .endpoint_configuration(EndpointConfiguration::builder().types(endpoint).build())
        .send()
        .await
        .expect("rest api");
    let id = created.id().expect("api id");
    // A deployment needs a method: GET / answered by a mock.
    let root = created.root_resource_id().expect("root resource");
    api.put_method()
        .rest_api_id(id)
        .resource_id(root)
        .http_method("GET")
        .authorization_type("NONE")
        .send()
        .await
        .expect("method");
    api.put_integration()
        .rest_api_id(id)
        .resource_id(root)
        .http_method("GET")
        .r#type(IntegrationType::Mock)
        .send()
        .await
        .expect("integration");
    let deployment = api
        .create_deployment()
        .rest_api_id(id)
        .send()
        .await
        .expect("deployment");
    api.create_stage()
        .rest_api_id(id)
        .stage_name("prod")
        .deployment_id(deployment.id().expect("deployment id"))
        .cache_cluster_enabled(true)
        .tags("Name", format!("{name}-prod"))
        .send()
        .await
        .expect("stage");
    let mut update = api.update_stage().rest_api_id(id).stage_name("prod");
    for (path, value) in patches {
        update = update.patch_operations(
            PatchOperation::builder()
                .op(Op::Replace)
                .path(*path)
                .value(*value)
                .build(),
        );
    }
    update.send().await.expect("stage settings");
}

/// An HTTP API with a `$default` stage named `name`, with access logs and a throttle or not.
async fn http_api(east: &aws_config::SdkConfig, name: &str, guarded: bool) {
    let api = aws_sdk_apigatewayv2::Client::new(east);
    let created = api
        .create_api()
        .name(name)
        .protocol_type(ProtocolType::Http)
        .send()
        .await
        .expect("http api");
    let mut stage = api
        .create_stage()
        .api_id(created.api_id().expect("api id"))
        .stage_name("$default")
        .tags("Name", name);
    if guarded {
        stage = stage
            .access_log_settings(
                AccessLogSettings::builder()
                    .destination_arn("arn:aws:logs:us-east-1:123456789012:log-group:http-access")
                    .format("$context.requestId $context.status")
                    .build(),
            )
            .default_route_settings(
                RouteSettings::builder()
                    .throttling_rate_limit(100.0)
                    .build(),
            );
    }
    stage.send().await.expect("http stage");
}

async fn seed(account: &Account) {
    let east = &account.east;
    rest_api(
        east,
        "open-api",
        EndpointType::Regional,
        &[
            // What the console writes for "*/*" when a setting is saved: the account's limit.
            ("/*/*/throttling/rateLimit", "10000"),
            ("/*/*/caching/dataEncrypted", "false"),
        ],
    )
    .await;
    rest_api(
        east,
        "guarded-api",
        EndpointType::Private,
        &[
            (
                "/accessLogSettings/destinationArn",
                "arn:aws:logs:us-east-1:123456789012:log-group:api-access",
            ),
            ("/tracingEnabled", "true"),
            ("/*/*/logging/loglevel", "ERROR"),
            ("/*/*/throttling/rateLimit", "500"),
            ("/*/*/caching/dataEncrypted", "true"),
        ],
    )
    .await;
    http_api(east, "open-http", false).await;
    http_api(east, "guarded-http", true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apigateway() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
