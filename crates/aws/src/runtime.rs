//! What wellscan's own clients (`query`, `json`) share: the SDK's runtime around each call
//! (credentials, SigV4 signing, the configured retries and timeouts, the retry classifiers,
//! the HTTP client with the scan's request limit, the call log's interceptor) in one static
//! plugin per client, and where a service's calls go. Only the request's body and the
//! answer's reading differ between the protocols.

use std::sync::Arc;

use aws_runtime::auth::SigV4OperationSigningConfig;
use aws_runtime::auth::sigv4::{SCHEME_ID, SigV4AuthScheme};
use aws_runtime::retries::classifiers::AwsErrorCodeClassifier;
use aws_smithy_runtime::client::identity::IdentityCache;
use aws_smithy_runtime::client::orchestrator::endpoints::StaticUriEndpointResolver;
use aws_smithy_runtime::client::orchestrator::operation::Operation;
use aws_smithy_runtime::client::retries::classifiers::{
    HttpStatusCodeClassifier, TransientErrorClassifier,
};
use aws_smithy_runtime::client::retries::strategy::StandardRetryStrategy;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::auth::AuthSchemeOptionResolverParams;
use aws_smithy_runtime_api::client::auth::static_resolver::StaticAuthSchemeOptionResolver;
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::endpoint::EndpointResolverParams;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::{SharedRuntimePlugin, StaticRuntimePlugin};
use aws_smithy_types::config_bag::Layer;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_types::SigningName;
use aws_types::region::{Region, SigningRegion};

use crate::Clients;

/// Where a service lives and how its requests are signed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Host {
    /// The SDK's id for the service: the call log's service name and the endpoint variable's.
    pub id: &'static str,
    /// The first label of the service's host name.
    pub prefix: &'static str,
    /// The name requests are signed for.
    pub signing_name: &'static str,
    /// One endpoint per partition (IAM), signed for the partition's first region.
    pub global: bool,
}

/// One client's runtime: its region and the plugin every call is sent with.
#[derive(Debug, Clone)]
pub(crate) struct Runtime {
    /// `None` when no region was configured: every call then fails, as the SDK's would.
    region: Option<Arc<str>>,
    plugin: SharedRuntimePlugin,
    behavior_version: BehaviorVersion,
}

impl Runtime {
    /// The runtime of `host`'s client in `region` (else the configured one), whose errors are
    /// `E` (classified for retries by their codes).
    pub fn new<E>(clients: &Clients, region: Option<&str>, host: Host) -> Runtime
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let sdk = clients.sdk();
        let region = region.or(clients.region());
        let signing_region = region.map(|r| signing_region(host, r).to_string());
        let mut config = Layer::new("wellscan-client");
        config.store_put(AuthSchemeOptionResolverParams::new(()));
        config.store_put(EndpointResolverParams::new(()));
        config.store_put(SigV4OperationSigningConfig {
            region: signing_region.map(|r| SigningRegion::from(Region::new(r))),
            name: Some(SigningName::from_static(host.signing_name)),
            ..Default::default()
        });
        if let Some(retry) = sdk.retry_config() {
            config.store_put(retry.clone());
        }
        if let Some(timeouts) = sdk.timeout_config() {
            config.store_put(timeouts.clone());
        }
        let mut components = RuntimeComponentsBuilder::new("wellscan-client")
            .with_auth_scheme_option_resolver(Some(StaticAuthSchemeOptionResolver::new(vec![
                SCHEME_ID,
            ])))
            .with_auth_scheme(SigV4AuthScheme::new())
            .with_identity_cache(Some(
                sdk.identity_cache()
                    .unwrap_or_else(|| IdentityCache::lazy().build()),
            ))
            .with_retry_strategy(Some(StandardRetryStrategy::new()))
            .with_retry_classifier(AwsErrorCodeClassifier::<E>::new())
            .with_retry_classifier(TransientErrorClassifier::<E>::new())
            .with_retry_classifier(HttpStatusCodeClassifier::default())
            .with_http_client(sdk.http_client())
            .with_sleep_impl(sdk.sleep_impl())
            .with_time_source(sdk.time_source());
        if let Some(region) = region {
            components = components.with_endpoint_resolver(Some(StaticUriEndpointResolver::uri(
                endpoint(clients, host, region),
            )));
        }
        if let Some(credentials) = sdk.credentials_provider() {
            components = components.with_identity_resolver(SCHEME_ID, credentials);
        }
        if let Some(interceptor) = &clients.interceptor {
            components = components.with_interceptor(interceptor.clone());
        }
        Runtime {
            region: region.map(Arc::from),
            plugin: SharedRuntimePlugin::new(
                StaticRuntimePlugin::new()
                    .with_config(config.freeze())
                    .with_runtime_components(components),
            ),
            behavior_version: sdk
                .behavior_version()
                .unwrap_or_else(BehaviorVersion::latest),
        }
    }

    /// Sends `input` as `host`'s operation `action`: `request` makes the HTTP request of it,
    /// `answer` reads the response.
    pub async fn invoke<I, O, E>(
        &self,
        host: Host,
        action: &'static str,
        input: I,
        request: fn(I) -> Result<HttpRequest, BoxError>,
        answer: fn(&HttpResponse) -> Result<O, OrchestratorError<E>>,
    ) -> Result<O, SdkError<E, HttpResponse>>
    where
        I: std::fmt::Debug + Send + Sync + 'static,
        O: std::fmt::Debug + Send + Sync + 'static,
        E: std::error::Error + std::fmt::Debug + Send + Sync + 'static,
    {
        if self.region.is_none() {
            return Err(SdkError::construction_failure(format!(
                "no AWS region is configured for {}",
                host.id
            )));
        }
        Operation::builder()
            .service_name(host.id)
            .operation_name(action)
            .behavior_version(self.behavior_version)
            .runtime_plugin(self.plugin.clone())
            .serializer(request)
            .deserializer(answer)
            .build()
            .invoke(input)
            .await
    }
}

/// The DNS suffix of `region`'s partition.
fn domain(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    }
}

/// The region calls made "in" `region` are signed for: the region itself, or for a global
/// service the first region of its partition.
fn signing_region(host: Host, region: &str) -> &str {
    if !host.global {
        region
    } else if region.starts_with("cn-") {
        "cn-north-1"
    } else if region.starts_with("us-gov-") {
        "us-gov-west-1"
    } else {
        "us-east-1"
    }
}

/// Where `host`'s calls in `region` go: the service's own endpoint variable or the shared
/// endpoint when set, else the service's endpoint in the region (its FIPS one when asked
/// for), or in the partition for a global service.
fn endpoint(clients: &Clients, host: Host, region: &str) -> String {
    if let Some(url) = clients.custom_endpoint(host.id) {
        return url;
    }
    let fips = if clients.sdk().use_fips() == Some(true) {
        "-fips"
    } else {
        ""
    };
    let prefix = host.prefix;
    let domain = domain(region);
    if !host.global {
        return format!("https://{prefix}{fips}.{region}.{domain}");
    }
    match signing_region(host, region) {
        "us-east-1" => format!("https://{prefix}{fips}.{domain}"),
        "us-gov-west-1" => format!("https://{prefix}.us-gov.{domain}"),
        first => format!("https://{prefix}.{first}.{domain}"),
    }
}

/// Percent-encodes all but the unreserved characters (`A-Z a-z 0-9 - _ . ~`), as a Query form,
/// a path label and a query string all want.
pub(crate) fn encode(out: &mut String, text: &str) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
}
