//! A fake Amazon Bedrock runtime for tests: loopback HTTP answering
//! `POST /model/{modelId}/converse` in the Converse wire format, with behaviour scripted per
//! test (latency, throttling, server errors, a text answer instead of the tool, malformed JSON,
//! tool answers of the test's choosing). It keeps every request so tests can read the prompts.
//! The real `aws-sdk-bedrockruntime` client talks to it through an endpoint override, so
//! signing and serialization are exercised.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use tokio::task::JoinHandle;

/// How the fake answers one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The model calls tool `name` with `input`: the shape a forced tool choice gives.
    Tool {
        name: String,
        input: serde_json::Value,
    },
    /// The model answers in prose instead of calling the tool.
    Text(String),
    /// HTTP 200 with this body verbatim (truncated or malformed JSON).
    Raw(String),
    /// HTTP 429 `ThrottlingException`, as Bedrock sends it.
    Throttle,
    /// HTTP 500 `InternalServerException`.
    ServerError,
    /// HTTP 400 `ValidationException` with this message.
    Invalid(String),
    /// HTTP 403 `AccessDeniedException` with this message: the account has no access to the
    /// model, or the caller may not invoke it.
    Denied(String),
}

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct ConverseRequest {
    /// The model id, percent-decoded from the path.
    pub model_id: String,
    /// The request body.
    pub body: serde_json::Value,
    /// How many requests came before this one, from any caller.
    pub sequence: usize,
    /// The region of the SigV4 credential scope the request was signed for.
    pub signing_region: Option<String>,
}

impl ConverseRequest {
    /// True for the one-token call that checks access before a scan: it forces no tool.
    pub fn is_access_check(&self) -> bool {
        self.body["toolConfig"].is_null()
    }

    /// The system prompt's text blocks, joined.
    pub fn system(&self) -> String {
        texts(&self.body["system"])
    }

    /// The text of every message, joined.
    pub fn messages(&self) -> String {
        self.body["messages"]
            .as_array()
            .map(|m| {
                m.iter()
                    .map(|m| texts(&m["content"]))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    }
}

impl ConverseRequest {
    /// The tool the request forces (`pillar_analysis`, `executive_summary`).
    pub fn tool(&self) -> String {
        self.body["toolConfig"]["toolChoice"]["tool"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The JSON between the data fence lines of the user message, or `Null`.
    pub fn data(&self) -> serde_json::Value {
        let message = self.messages();
        let start = message
            .find("<<<WELLSCAN DATA")
            .and_then(|i| message[i..].find('\n').map(|j| i + j + 1));
        let end = message.rfind("\nWELLSCAN DATA ");
        match (start, end) {
            (Some(s), Some(e)) if s < e => {
                serde_json::from_str(&message[s..e]).unwrap_or(serde_json::Value::Null)
            }
            _ => serde_json::Value::Null,
        }
    }
}

/// A valid, plain answer to any wellscan agent: a `fair` pillar with no recommendations, or a
/// one-line executive summary. For tests about everything but the answer's content.
pub fn plain_answer(request: &ConverseRequest) -> Reply {
    let tool = request.tool();
    let input = if tool == "executive_summary" {
        serde_json::json!({"headline": "Summary from the model", "key_risks": [], "top_actions": []})
    } else {
        serde_json::json!({"rating": "fair", "summary": "Model view.", "risks": [], "recommendations": []})
    };
    Reply::Tool { name: tool, input }
}

fn texts(blocks: &serde_json::Value) -> String {
    blocks
        .as_array()
        .map(|b| {
            b.iter()
                .filter_map(|x| x["text"].as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

type Responder = dyn Fn(&ConverseRequest) -> Reply + Send + Sync;

struct State {
    latency: Duration,
    respond: Box<Responder>,
    requests: Mutex<Vec<ConverseRequest>>,
}

/// A running fake; stops when dropped.
pub struct FakeBedrock {
    port: u16,
    task: JoinHandle<()>,
    state: Arc<State>,
}

impl std::fmt::Debug for FakeBedrock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeBedrock")
            .field("port", &self.port)
            .finish()
    }
}

impl FakeBedrock {
    /// Starts the fake on a free loopback port. Every request waits `latency`, then gets what
    /// `respond` returns for it. Must be called inside a Tokio runtime.
    pub async fn start(
        latency: Duration,
        respond: impl Fn(&ConverseRequest) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<FakeBedrock> {
        let state = Arc::new(State {
            latency,
            respond: Box::new(respond),
            requests: Mutex::new(Vec::new()),
        });
        let (port, task) = crate::serve::loopback(Arc::clone(&state), |state, req| async move {
            handle(&state, req).await
        })
        .await?;
        Ok(FakeBedrock { port, task, state })
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<ConverseRequest> {
        self.state
            .requests
            .lock()
            .map(|r| r.clone())
            .unwrap_or_default()
    }
}

impl Drop for FakeBedrock {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(state: &State, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let path = req.uri().path().to_string();
    let Some(model_id) = path
        .strip_prefix("/model/")
        .and_then(|p| p.strip_suffix("/converse"))
        .map(percent_decode)
    else {
        return error(StatusCode::NOT_FOUND, "UnknownOperationException", &path);
    };
    let signing_region = req
        .headers()
        .get(hyper::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(signing_region);
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                &e.to_string(),
            );
        }
    };
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationException",
            "body is not JSON",
        );
    };
    let request = {
        let Ok(mut log) = state.requests.lock() else {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerException",
                "poisoned",
            );
        };
        let request = ConverseRequest {
            model_id,
            body,
            sequence: log.len(),
            signing_region,
        };
        log.push(request.clone());
        request
    };
    tokio::time::sleep(state.latency).await;
    match (state.respond)(&request) {
        Reply::Tool { name, input } => answer(
            serde_json::json!([{
                "toolUse": {"toolUseId": format!("tooluse_{}", request.sequence), "name": name, "input": input}
            }]),
            "tool_use",
        ),
        Reply::Text(text) => answer(serde_json::json!([{"text": text}]), "end_turn"),
        Reply::Raw(body) => json(StatusCode::OK, &[], Bytes::from(body)),
        Reply::Throttle => error(
            StatusCode::TOO_MANY_REQUESTS,
            "ThrottlingException",
            "Too many requests, please wait before trying again.",
        ),
        Reply::ServerError => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerException",
            "An internal server error occurred.",
        ),
        Reply::Invalid(message) => error(StatusCode::BAD_REQUEST, "ValidationException", &message),
        Reply::Denied(message) => error(StatusCode::FORBIDDEN, "AccessDeniedException", &message),
    }
}

fn answer(content: serde_json::Value, stop_reason: &str) -> Response<Full<Bytes>> {
    let body = serde_json::json!({
        "output": {"message": {"role": "assistant", "content": content}},
        "stopReason": stop_reason,
        "usage": {"inputTokens": 1200, "outputTokens": 300, "totalTokens": 1500},
        "metrics": {"latencyMs": 1}
    });
    json(StatusCode::OK, &[], Bytes::from(body.to_string()))
}

/// An error as Bedrock sends it: the type in `x-amzn-ErrorType` (which the SDK reads to
/// classify throttling) and a JSON message.
fn error(status: StatusCode, kind: &str, message: &str) -> Response<Full<Bytes>> {
    let header = format!("{kind}:http://internal.amazon.com/coral/com.amazon.bedrock/");
    let body = serde_json::json!({ "message": message }).to_string();
    json(
        status,
        &[("x-amzn-errortype", header.as_str())],
        Bytes::from(body),
    )
}

fn json(status: StatusCode, headers: &[(&str, &str)], body: Bytes) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    for (k, v) in headers {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(k.as_bytes()),
            hyper::header::HeaderValue::from_str(v),
        ) {
            h.insert(name, value);
        }
    }
    r
}

/// The region of a SigV4 `Authorization` header:
/// `AWS4-HMAC-SHA256 Credential=AKID/20261201/eu-central-1/bedrock/aws4_request, ...`.
fn signing_region(authorization: &str) -> Option<String> {
    let scope = authorization
        .split("Credential=")
        .nth(1)?
        .split(',')
        .next()?;
    scope.split('/').nth(2).map(str::to_string)
}

/// `%3A` → `:`; anything not a valid escape is kept as is.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signing_region_is_read_from_the_credential_scope() {
        assert_eq!(
            signing_region(
                "AWS4-HMAC-SHA256 Credential=AKIA/20261201/eu-central-1/bedrock/aws4_request, SignedHeaders=host, Signature=ab"
            )
            .as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(signing_region("Bearer token"), None);
    }

    #[test]
    fn model_ids_are_decoded_from_the_path() {
        assert_eq!(
            percent_decode("us.anthropic.claude-sonnet-4-20250514-v1%3A0"),
            "us.anthropic.claude-sonnet-4-20250514-v1:0"
        );
        assert_eq!(
            percent_decode("arn%3Aaws%3Abedrock%3A%zz"),
            "arn:aws:bedrock:%zz"
        );
    }
}
