//! wellscan's client for the AWS services that speak the Query protocol (a form-encoded POST,
//! an XML answer). The scanner reads EC2, IAM, RDS, CloudWatch, both load balancer APIs, Auto
//! Scaling, ElastiCache and SNS through it. Each call is sent on the SDK's own runtime (SigV4 signing with
//! the configured credentials, the configured retries and timeouts, the scan's request limit,
//! the call log) and answered as a tree of the service's wire names.
//!
//! Why not the SDK's crates: each models every operation of its service (EC2 700-odd, RDS
//! over 150), and a newcomer's first build compiled them all for the few `Describe` and `List`
//! calls a scan makes (`aws-sdk-ec2` alone needed 7 GB of memory and 8 minutes of a core; RDS,
//! ElastiCache, Auto Scaling, both load balancer APIs and SNS another 2.5 minutes of a core,
//! IAM and CloudWatch another minute).
//! The SDK crates also build at opt-level 0 (see the workspace's profiles), which makes their
//! calls cost more CPU than this client's, built at opt-level 3 with one static runtime plugin
//! per client. The protocol is small enough to speak directly; everything around the request
//! (identity, signing, retry classification, timeouts, interceptors) is the SDK's, unchanged.
//! [`Api`] says what differs per service.

mod answer;
mod apis;

use std::marker::PhantomData;

use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::body::SdkBody;

pub use crate::error::ApiError;
pub use answer::{Element, MalformedAnswer};
pub use apis::{AutoScaling, CloudWatch, Ec2, ElastiCache, Elb, Elbv2, Iam, Rds, Sns};

use crate::runtime::{Host, Runtime, encode};
use crate::{Clients, Service};

/// What differs between the Query services.
pub trait Api: std::fmt::Debug + Clone + Send + Sync + 'static {
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
#[derive(Debug, Clone)]
pub struct Client<A> {
    runtime: Runtime,
    api: PhantomData<fn() -> A>,
}

/// Where `A` lives and how its requests are signed.
fn host<A: Api>() -> Host {
    Host {
        id: A::ID,
        prefix: A::ENDPOINT_PREFIX,
        signing_name: A::SIGNING_NAME,
        global: A::GLOBAL,
    }
}

impl<A: Api> Service for Client<A> {
    fn build(clients: &Clients, region: Option<&str>) -> Client<A> {
        Client {
            runtime: Runtime::new::<ApiError>(clients, region, host::<A>()),
            api: PhantomData,
        }
    }
}

impl<A: Api> Client<A> {
    /// Calls `action` with `params` (Query names: `MaxRecords`, `Filter.1.Name`,
    /// `Names.member.1`).
    #[tracing::instrument(skip_all, fields(service = A::ID, operation = action))]
    pub async fn call(&self, action: &'static str, params: &[(&str, &str)]) -> Answer {
        let body = form(action, A::VERSION, params);
        (self.runtime)
            .invoke(host::<A>(), action, body, request, read_answer::<A>)
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
        return Err(OrchestratorError::operation(ApiError::from_xml(
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
