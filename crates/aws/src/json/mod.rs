//! wellscan's client for the AWS services that speak the JSON protocol (a POST of a JSON
//! document naming the operation in `X-Amz-Target`, a JSON answer): the scanner reads Systems
//! Manager, AWS Config, CloudTrail, CloudWatch Logs, KMS, ACM, Secrets Manager, ECR, ECS, SQS and
//! Cost Optimization Hub through it, for the same reasons as the Query services
//! (`crate::query`): each SDK crate compiles every operation of its service for the few a scan
//! calls, at opt-level 0. Everything around the request is the SDK's runtime
//! (`crate::runtime`); [`Api`] says what differs per service.

mod apis;

use std::marker::PhantomData;

use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::body::SdkBody;
use serde_json::Value;

pub use apis::{
    Acm, CloudTrail, CloudWatchLogs, Config, CostOptimizationHub, Ecr, Ecs, Kms, SecretsManager,
    Sqs, Ssm,
};

pub use crate::error::ApiError;
use crate::runtime::{Host, Runtime};
use crate::{Clients, Service};

/// What differs between the JSON services.
pub trait Api: std::fmt::Debug + Clone + Send + Sync + 'static {
    /// The SDK's id for the service (`CloudWatch Logs`): the call log's service name and the
    /// endpoint variable's (`AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`).
    const ID: &'static str;
    /// The first label of the service's host name (`logs`).
    const ENDPOINT_PREFIX: &'static str;
    /// The name requests are signed for.
    const SIGNING_NAME: &'static str;
    /// What `X-Amz-Target` names before the operation (`Logs_20140328`).
    const TARGET_PREFIX: &'static str;
    /// The protocol's version: `1.1` for most, `1.0` for the newer services.
    const JSON_VERSION: &'static str;
}

/// What a call returns: the answer's document, or the SDK's error around the service's.
pub type Answer = Result<Value, SdkError<ApiError, HttpResponse>>;

/// A client of the JSON service `A` in one region.
#[derive(Debug, Clone)]
pub struct Client<A> {
    runtime: Runtime,
    api: PhantomData<fn() -> A>,
}

fn host<A: Api>() -> Host {
    Host {
        id: A::ID,
        prefix: A::ENDPOINT_PREFIX,
        signing_name: A::SIGNING_NAME,
        global: false,
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

/// One request: the target header's value, the content type and the document.
#[derive(Debug)]
struct Request {
    target: String,
    content_type: String,
    body: String,
}

impl<A: Api> Client<A> {
    /// Calls `action` with `input`, the operation's request document in the service's own
    /// member names (`{"MaxResults": 50}`; `{}` for none).
    #[tracing::instrument(skip_all, fields(service = A::ID, operation = action))]
    pub async fn call(&self, action: &'static str, input: &Value) -> Answer {
        let input = Request {
            target: format!("{}.{action}", A::TARGET_PREFIX),
            content_type: format!("application/x-amz-json-{}", A::JSON_VERSION),
            body: match input {
                Value::Null => "{}".to_string(),
                other => other.to_string(),
            },
        };
        (self.runtime)
            .invoke(host::<A>(), action, input, request, read_answer::<A>)
            .await
    }

    /// [`Client::call`] for one page of a listing: `token` is the previous page's, sent as the
    /// member `token_field` (`NextToken`, `nextToken`).
    pub async fn page(
        &self,
        action: &'static str,
        input: &Value,
        token_field: &str,
        token: Option<String>,
    ) -> Answer {
        match token {
            None => self.call(action, input).await,
            Some(token) => {
                let mut input = match input {
                    Value::Object(map) => map.clone(),
                    _ => serde_json::Map::new(),
                };
                input.insert(token_field.to_string(), Value::String(token));
                self.call(action, &Value::Object(input)).await
            }
        }
    }
}

/// The string in `answer`'s member `name` when it names a page after this one (present and
/// not empty).
pub fn next_token(answer: &Value, name: &str) -> Option<String> {
    answer
        .get(name)
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(String::from)
}

fn request(input: Request) -> Result<HttpRequest, aws_smithy_runtime_api::box_error::BoxError> {
    let mut request = HttpRequest::new(SdkBody::from(input.body));
    request.set_method("POST")?;
    request.set_uri("/")?;
    let headers = request.headers_mut();
    headers.insert("content-type", input.content_type);
    headers.insert("x-amz-target", input.target);
    Ok(request)
}

/// The answer's document.
fn read_answer<A: Api>(response: &HttpResponse) -> Result<Value, OrchestratorError<ApiError>> {
    document(A::ID, response)
}

/// A JSON answer's document (an empty body, as to a call that returns nothing, is `{}`), or
/// the error `service` answered with.
pub(crate) fn document(
    service: &str,
    response: &HttpResponse,
) -> Result<Value, OrchestratorError<ApiError>> {
    if !response.status().is_success() {
        return Err(OrchestratorError::operation(ApiError::from_json(
            service, response,
        )));
    }
    let body = response.body().bytes().unwrap_or_default();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    serde_json::from_slice(body).map_err(|e| OrchestratorError::response(e.into()))
}
