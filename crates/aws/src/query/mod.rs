//! wellscan's client for the AWS services that speak the Query protocol (a form-encoded POST,
//! an XML answer). The scanner reads EC2, RDS, both load balancer APIs, Auto Scaling,
//! ElastiCache and SNS through it; IAM and CloudWatch are declared here and still read
//! through their SDK crates. Each call is sent on the SDK's own runtime (SigV4 signing with
//! the configured credentials, the configured retries and timeouts, the scan's request limit,
//! the call log) and answered as a tree of the service's wire names.
//!
//! Why not the SDK's crates: each models every operation of its service (EC2 700-odd, RDS
//! over 150), and a newcomer's first build compiled them all for the few `Describe` and `List`
//! calls a scan makes (`aws-sdk-ec2` alone needed 7 GB of memory and 8 minutes of a core; RDS,
//! ElastiCache, Auto Scaling, both load balancer APIs and SNS another 2.5 minutes of a core).
//! The SDK crates also build at opt-level 0 (see the workspace's profiles), which makes their
//! calls cost more CPU than this client's, built at opt-level 3 with one static runtime plugin
//! per client. The protocol is small enough to speak directly; everything around the request
//! (identity, signing, retry classification, timeouts, interceptors) is the SDK's, unchanged.
//! [`Api`] says what differs per service.

mod answer;
mod apis;
mod error;

use std::marker::PhantomData;
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
use aws_smithy_runtime_api::client::auth::AuthSchemeOptionResolverParams;
use aws_smithy_runtime_api::client::auth::static_resolver::StaticAuthSchemeOptionResolver;
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::endpoint::EndpointResolverParams;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::{SharedRuntimePlugin, StaticRuntimePlugin};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::Layer;
use aws_types::SigningName;
use aws_types::region::{Region, SigningRegion};

pub use answer::{Element, MalformedAnswer};
pub use apis::{AutoScaling, CloudWatch, Ec2, ElastiCache, Elb, Elbv2, Iam, Rds, Sns};
pub use error::ApiError;

use crate::{Clients, Service};

/// What differs between the Query services.
pub trait Api: std::fmt::Debug + Send + Sync + 'static {
    /// The SDK's id for the service (`Elastic Load Balancing v2`): the call log's service name
    /// and the endpoint variable's (`AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`).
    const ID: &'static str;
    /// The first label of the service's host name (`elasticloadbalancing`).
    const ENDPOINT_PREFIX: &'static str;
    /// The name requests are signed for (`monitoring` for CloudWatch).
    const SIGNING_NAME: &'static str;
    /// The API version every request names.
    const VERSION: &'static str;
    /// A global service (IAM): one endpoint per partition, signed for its first region.
    const GLOBAL: bool = false;
    /// EC2's variant: the answer is the root element itself (no `<ActionResult>` inside it).
    const EC2: bool = false;
}

/// What a call returns: the answer's result element, or the SDK's error around the service's.
pub type Answer = Result<Element, SdkError<ApiError, HttpResponse>>;

/// A client of the Query service `A` in one region.
#[derive(Debug)]
pub struct Client<A> {
    /// `None` when no region was configured: every call then fails, as the SDK's would.
    region: Option<Arc<str>>,
    plugin: SharedRuntimePlugin,
    behavior_version: BehaviorVersion,
    api: PhantomData<fn() -> A>,
}

impl<A> Clone for Client<A> {
    fn clone(&self) -> Self {
        Client {
            region: self.region.clone(),
            plugin: self.plugin.clone(),
            behavior_version: self.behavior_version,
            api: PhantomData,
        }
    }
}

impl<A: Api> Service for Client<A> {
    fn build(clients: &Clients, region: Option<&str>) -> Client<A> {
        let sdk = clients.sdk();
        let region = region.or(clients.region());
        let signing_region = region.map(|r| signing_region::<A>(r).to_string());
        let mut config = Layer::new("wellscan-query");
        config.store_put(AuthSchemeOptionResolverParams::new(()));
        config.store_put(EndpointResolverParams::new(()));
        config.store_put(SigV4OperationSigningConfig {
            region: signing_region.map(|r| SigningRegion::from(Region::new(r))),
            name: Some(SigningName::from_static(A::SIGNING_NAME)),
            ..Default::default()
        });
        if let Some(retry) = sdk.retry_config() {
            config.store_put(retry.clone());
        }
        if let Some(timeouts) = sdk.timeout_config() {
            config.store_put(timeouts.clone());
        }
        let mut components = RuntimeComponentsBuilder::new("wellscan-query")
            .with_auth_scheme_option_resolver(Some(StaticAuthSchemeOptionResolver::new(vec![
                SCHEME_ID,
            ])))
            .with_auth_scheme(SigV4AuthScheme::new())
            .with_identity_cache(Some(
                sdk.identity_cache()
                    .unwrap_or_else(|| IdentityCache::lazy().build()),
            ))
            .with_retry_strategy(Some(StandardRetryStrategy::new()))
            .with_retry_classifier(AwsErrorCodeClassifier::<ApiError>::new())
            .with_retry_classifier(TransientErrorClassifier::<ApiError>::new())
            .with_retry_classifier(HttpStatusCodeClassifier::default())
            .with_http_client(sdk.http_client())
            .with_sleep_impl(sdk.sleep_impl())
            .with_time_source(sdk.time_source());
        if let Some(region) = region {
            components = components.with_endpoint_resolver(Some(StaticUriEndpointResolver::uri(
                endpoint::<A>(clients, region),
            )));
        }
        if let Some(credentials) = sdk.credentials_provider() {
            components = components.with_identity_resolver(SCHEME_ID, credentials);
        }
        if let Some(interceptor) = &clients.interceptor {
            components = components.with_interceptor(interceptor.clone());
        }
        Client {
            region: region.map(Arc::from),
            plugin: SharedRuntimePlugin::new(
                StaticRuntimePlugin::new()
                    .with_config(config.freeze())
                    .with_runtime_components(components),
            ),
            behavior_version: sdk
                .behavior_version()
                .unwrap_or_else(BehaviorVersion::latest),
            api: PhantomData,
        }
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
fn signing_region<A: Api>(region: &str) -> &str {
    if !A::GLOBAL {
        region
    } else if region.starts_with("cn-") {
        "cn-north-1"
    } else if region.starts_with("us-gov-") {
        "us-gov-west-1"
    } else {
        "us-east-1"
    }
}

/// Where `A`'s calls in `region` go: the service's own endpoint variable or the shared
/// endpoint when set, else the service's endpoint in the region (its FIPS one when asked
/// for), or in the partition for a global service.
fn endpoint<A: Api>(clients: &Clients, region: &str) -> String {
    if let Some(url) = clients.custom_endpoint(A::ID) {
        return url;
    }
    let fips = if clients.sdk().use_fips() == Some(true) {
        "-fips"
    } else {
        ""
    };
    let prefix = A::ENDPOINT_PREFIX;
    let domain = domain(region);
    if !A::GLOBAL {
        return format!("https://{prefix}{fips}.{region}.{domain}");
    }
    match signing_region::<A>(region) {
        "us-east-1" => format!("https://{prefix}{fips}.{domain}"),
        "us-gov-west-1" => format!("https://{prefix}.us-gov.{domain}"),
        first => format!("https://{prefix}.{first}.{domain}"),
    }
}

impl<A: Api> Client<A> {
    /// Calls `action` with `params` (Query names: `MaxRecords`, `Filter.1.Name`,
    /// `Names.member.1`).
    #[tracing::instrument(skip_all, fields(service = A::ID, operation = action))]
    pub async fn call(&self, action: &'static str, params: &[(&str, &str)]) -> Answer {
        if self.region.is_none() {
            return Err(SdkError::construction_failure(format!(
                "no AWS region is configured for {}",
                A::ID
            )));
        }
        Operation::builder()
            .service_name(A::ID)
            .operation_name(action)
            .behavior_version(self.behavior_version)
            .runtime_plugin(self.plugin.clone())
            .serializer(request)
            .deserializer(read_answer::<A>)
            .build()
            .invoke(form(action, A::VERSION, params))
            .await
    }

    /// [`Client::call`] for one page of a listing: `token` is the previous page's, sent as the
    /// parameter `token_param` (`NextToken`, `Marker`).
    pub async fn page(
        &self,
        action: &'static str,
        params: &[(&str, &str)],
        token_param: &str,
        token: Option<String>,
    ) -> Answer {
        match token {
            None => self.call(action, params).await,
            Some(token) => {
                let mut params = params.to_vec();
                params.push((token_param, &token));
                self.call(action, &params).await
            }
        }
    }
}

/// The text of `answer`'s field `name` when it names a page after this one (a token or marker
/// that is present and not empty).
pub fn next_token(answer: &Element, name: &str) -> Option<String> {
    answer
        .text(name)
        .filter(|t| !t.is_empty())
        .map(String::from)
}

/// A Query request body: the action, the version, then each parameter, form-encoded.
fn form(action: &str, version: &str, params: &[(&str, &str)]) -> String {
    let mut body = format!("Action={action}&Version={version}");
    for (key, value) in params {
        body.push('&');
        encode(&mut body, key);
        body.push('=');
        encode(&mut body, value);
    }
    body
}

/// Percent-encodes all but the characters form encoding leaves alone.
fn encode(out: &mut String, text: &str) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
}

fn request(body: String) -> Result<HttpRequest, aws_smithy_runtime_api::box_error::BoxError> {
    let mut request = HttpRequest::new(SdkBody::from(body));
    request.set_method("POST")?;
    request.set_uri("/")?;
    request.headers_mut().insert(
        "content-type",
        "application/x-www-form-urlencoded; charset=utf-8",
    );
    Ok(request)
}

/// The answer's result: EC2's root element, another service's `<ActionResult>` (an answer
/// without one, as to a call that returns nothing, is an empty element).
fn read_answer<A: Api>(response: &HttpResponse) -> Result<Element, OrchestratorError<ApiError>> {
    let status = response.status().as_u16();
    let body = response.body().bytes().unwrap_or_default();
    if !response.status().is_success() {
        return Err(OrchestratorError::operation(ApiError::from_answer(
            A::ID,
            status,
            body,
        )));
    }
    let xml = std::str::from_utf8(body).map_err(|e| OrchestratorError::response(e.into()))?;
    let root = Element::parse(xml).map_err(|e| OrchestratorError::response(e.into()))?;
    if A::EC2 {
        return Ok(root);
    }
    Ok(root.into_result())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_body_is_form_encoded() {
        assert_eq!(
            form(
                "DescribeSnapshots",
                "2016-11-15",
                &[("Owner.1", "self"), ("NextToken", "a+b/c= ウ")]
            ),
            "Action=DescribeSnapshots&Version=2016-11-15&Owner.1=self\
             &NextToken=a%2Bb%2Fc%3D%20%E3%82%A6"
        );
    }
}
