//! wellscan's client for the AWS services that speak REST-JSON (the operation in the method
//! and path, its input in labels, the query string and a JSON body, a JSON answer): the scanner
//! reads Security Hub, GuardDuty, EKS, EFS, Lambda, AWS Backup and API Gateway (both APIs)
//! through it, and `--security-hub` imports findings with it, for the same reasons as the Query
//! and JSON services (`crate::query`): each SDK crate compiles every operation of its service
//! for the few calls wellscan makes, at opt-level 0. Everything around the request is the SDK's
//! runtime (`crate::runtime`); [`Api`] says what differs per service.

mod apis;

use std::marker::PhantomData;

use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::body::SdkBody;
use serde_json::Value;

pub use apis::{
    ApiGateway, ApiGatewayV2, Backup, Efs, Eks, GuardDuty, Lambda, SecurityHub, WellArchitected,
};

pub use crate::error::ApiError;
use crate::runtime::{Host, Runtime, encode};
use crate::{Clients, Service};

/// What differs between the REST-JSON services.
pub trait Api: std::fmt::Debug + Clone + Send + Sync + 'static {
    /// The SDK's id for the service (`GuardDuty`): the call log's service name and the
    /// endpoint variable's (`AWS_ENDPOINT_URL_GUARDDUTY`).
    const ID: &'static str;
    /// The first label of the service's host name.
    const ENDPOINT_PREFIX: &'static str;
    /// The name requests are signed for.
    const SIGNING_NAME: &'static str;
}

/// What a call returns: the answer's document, or the SDK's error around the service's.
pub type Answer = Result<Value, SdkError<ApiError, HttpResponse>>;

/// A client of the REST-JSON service `A` in one region.
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

/// One request: its method, path and query, and its JSON document if it sends one.
#[derive(Debug)]
struct Request {
    method: &'static str,
    uri: String,
    body: Option<String>,
}

impl<A: Api> Client<A> {
    /// `GET`s `path` (its labels already encoded with [`label`]) with the query parameters
    /// `query`, as the operation `action`.
    pub async fn get(&self, action: &'static str, path: &str, query: &[(&str, &str)]) -> Answer {
        self.send(action, "GET", path, query, None).await
    }

    /// `POST`s the JSON document `body` to `path` (its labels encoded), as the operation
    /// `action`.
    pub async fn post(&self, action: &'static str, path: &str, body: &Value) -> Answer {
        self.send(action, "POST", path, &[], Some(body)).await
    }

    /// Sends `method` to `path` with the query parameters `query` and, if given, the JSON
    /// document `body`, as the operation `action`.
    #[tracing::instrument(skip_all, fields(service = A::ID, operation = action))]
    pub async fn send(
        &self,
        action: &'static str,
        method: &'static str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Answer {
        let mut uri = path.to_string();
        for (i, (key, value)) in query.iter().enumerate() {
            uri.push(if i == 0 { '?' } else { '&' });
            encode(&mut uri, key);
            uri.push('=');
            encode(&mut uri, value);
        }
        let input = Request {
            method,
            uri,
            body: body.map(Value::to_string),
        };
        (self.runtime)
            .invoke(host::<A>(), action, input, request, read_answer::<A>)
            .await
    }

    /// [`Client::get`] for one page of a listing: `token` is the previous page's, sent as the
    /// query parameter `token_param` (`nextToken`, `NextToken`, `Marker`, `position`).
    pub async fn page(
        &self,
        action: &'static str,
        path: &str,
        query: &[(&str, &str)],
        token_param: &str,
        token: Option<String>,
    ) -> Answer {
        match token {
            None => self.get(action, path, query).await,
            Some(token) => {
                let mut query = query.to_vec();
                query.push((token_param, &token));
                self.get(action, path, &query).await
            }
        }
    }
}

/// `value` as one path segment: every byte but the unreserved ones percent-encoded (an ARN's
/// `:` and `/` included).
pub fn label(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    encode(&mut out, value);
    out
}

fn request(input: Request) -> Result<HttpRequest, aws_smithy_runtime_api::box_error::BoxError> {
    let has_body = input.body.is_some();
    let mut request = HttpRequest::new(input.body.map_or_else(SdkBody::empty, SdkBody::from));
    request.set_method(input.method)?;
    request.set_uri(input.uri)?;
    let headers = request.headers_mut();
    // API Gateway's REST API answers HAL (`_embedded`) to a request that does not ask for
    // JSON, as the SDKs do for it; every other service answers JSON either way.
    headers.insert("accept", "application/json");
    if has_body {
        headers.insert("content-type", "application/json");
    }
    Ok(request)
}

/// The answer's document, read as a JSON service's.
fn read_answer<A: Api>(response: &HttpResponse) -> Result<Value, OrchestratorError<ApiError>> {
    crate::json::document(A::ID, response)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_label_keeps_only_unreserved_characters() {
        assert_eq!(
            super::label("arn:aws:backup:eu-west-1:123456789012:backup-plan:ウ/1"),
            "arn%3Aaws%3Abackup%3Aeu-west-1%3A123456789012%3Abackup-plan%3A%E3%82%A6%2F1"
        );
    }
}
