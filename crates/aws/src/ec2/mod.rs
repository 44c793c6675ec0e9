//! wellscan's EC2 client: the read calls the scanner makes, sent on the SDK's own runtime
//! (SigV4 signing with the configured credentials, the configured retries and timeouts, the
//! scan's request limit, the call log) and answered as a tree of EC2's wire names.
//!
//! Why not `aws-sdk-ec2`: that crate models all of EC2's 700-odd operations, and compiling it
//! alone needs 7 GB of memory and 8 minutes of a core, which every newcomer's first build paid
//! for a dozen `Describe` calls. EC2 speaks the Query protocol (a form-encoded POST, an XML
//! answer), which is small enough to speak directly; everything around the request (identity,
//! signing, retry classification, timeouts, interceptors) is the SDK's, unchanged.

mod answer;
mod error;

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
pub use error::Ec2Error;

use crate::{Clients, Service};

/// The EC2 API version every request names.
const VERSION: &str = "2016-11-15";

/// What a call returns: the answer's root element, or the SDK's error around EC2's.
pub type Answer = Result<Element, SdkError<Ec2Error, HttpResponse>>;

/// An EC2 client in one region.
#[derive(Debug, Clone)]
pub struct Client {
    /// `None` when no region was configured: every call then fails, as the SDK's would.
    region: Option<Arc<str>>,
    plugin: SharedRuntimePlugin,
    behavior_version: BehaviorVersion,
}

impl Service for Client {
    fn build(clients: &Clients, region: Option<&str>) -> Client {
        let sdk = clients.sdk();
        let region = region.or(clients.region());
        let mut config = Layer::new("wellscan-ec2");
        config.store_put(AuthSchemeOptionResolverParams::new(()));
        config.store_put(EndpointResolverParams::new(()));
        config.store_put(SigV4OperationSigningConfig {
            region: region.map(|r| SigningRegion::from(Region::new(r.to_string()))),
            name: Some(SigningName::from_static("ec2")),
            ..Default::default()
        });
        if let Some(retry) = sdk.retry_config() {
            config.store_put(retry.clone());
        }
        if let Some(timeouts) = sdk.timeout_config() {
            config.store_put(timeouts.clone());
        }
        let mut components = RuntimeComponentsBuilder::new("wellscan-ec2")
            .with_auth_scheme_option_resolver(Some(StaticAuthSchemeOptionResolver::new(vec![
                SCHEME_ID,
            ])))
            .with_auth_scheme(SigV4AuthScheme::new())
            .with_identity_cache(Some(
                sdk.identity_cache()
                    .unwrap_or_else(|| IdentityCache::lazy().build()),
            ))
            .with_retry_strategy(Some(StandardRetryStrategy::new()))
            .with_retry_classifier(AwsErrorCodeClassifier::<Ec2Error>::new())
            .with_retry_classifier(TransientErrorClassifier::<Ec2Error>::new())
            .with_retry_classifier(HttpStatusCodeClassifier::default())
            .with_http_client(sdk.http_client())
            .with_sleep_impl(sdk.sleep_impl())
            .with_time_source(sdk.time_source());
        if let Some(region) = region {
            components = components.with_endpoint_resolver(Some(StaticUriEndpointResolver::uri(
                endpoint(clients, region),
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
        }
    }
}

/// Where EC2 calls in `region` go: the service's own endpoint variable or the shared
/// endpoint when set, else EC2's regional endpoint (its FIPS one when asked for).
fn endpoint(clients: &Clients, region: &str) -> String {
    if let Some(url) = clients.custom_endpoint("EC2") {
        return url;
    }
    let fips = if clients.sdk().use_fips() == Some(true) {
        "-fips"
    } else {
        ""
    };
    let domain = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://ec2{fips}.{region}.{domain}")
}

impl Client {
    /// Calls `action` with `params` (Query names: `MaxResults`, `Filter.1.Name`, `Owner.1`).
    #[tracing::instrument(skip_all, fields(service = "ec2", operation = action))]
    pub async fn call(&self, action: &'static str, params: &[(&str, &str)]) -> Answer {
        if self.region.is_none() {
            return Err(SdkError::construction_failure(
                "no AWS region is configured for EC2",
            ));
        }
        Operation::builder()
            .service_name("EC2")
            .operation_name(action)
            .behavior_version(self.behavior_version)
            .runtime_plugin(self.plugin.clone())
            .serializer(request)
            .deserializer(read_answer)
            .build()
            .invoke(form(action, params))
            .await
    }

    /// [`Client::call`] for one page of a listing: `token` is the previous page's `nextToken`.
    pub async fn page(
        &self,
        action: &'static str,
        params: &[(&str, &str)],
        token: Option<String>,
    ) -> Answer {
        match token {
            None => self.call(action, params).await,
            Some(token) => {
                let mut params = params.to_vec();
                params.push(("NextToken", &token));
                self.call(action, &params).await
            }
        }
    }
}

/// The token of the page after `answer`, when there is one.
pub fn next_token(answer: &Element) -> Option<String> {
    answer
        .text("nextToken")
        .filter(|t| !t.is_empty())
        .map(String::from)
}

/// A Query request body: the action, the version, then each parameter, form-encoded.
fn form(action: &str, params: &[(&str, &str)]) -> String {
    let mut body = format!("Action={action}&Version={VERSION}");
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

fn read_answer(response: &HttpResponse) -> Result<Element, OrchestratorError<Ec2Error>> {
    let status = response.status().as_u16();
    let body = response.body().bytes().unwrap_or_default();
    if !response.status().is_success() {
        return Err(OrchestratorError::operation(Ec2Error::from_answer(
            status, body,
        )));
    }
    let xml = std::str::from_utf8(body).map_err(|e| OrchestratorError::response(e.into()))?;
    Element::parse(xml).map_err(|e| OrchestratorError::response(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_body_is_form_encoded() {
        assert_eq!(
            form(
                "DescribeSnapshots",
                &[("Owner.1", "self"), ("NextToken", "a+b/c= ウ")]
            ),
            "Action=DescribeSnapshots&Version=2016-11-15&Owner.1=self\
             &NextToken=a%2Bb%2Fc%3D%20%E3%82%A6"
        );
    }
}
