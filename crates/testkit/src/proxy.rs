//! A loopback HTTP proxy in front of an emulator: it adds a fixed delay to every request, and
//! can answer a share of them with a throttling error or a server error in the protocol the
//! request speaks, or never answer at all. Benchmarks use it for real round trips; tests use it
//! to prove retries and deadlines.
//!
//! With `record` on, the proxy keeps every answer but server errors, by request (same service, region,
//! path, operation and body), in the order given. After [`LatencyProxy::replay`], a recorded
//! request is answered from the recording instead of upstream: the n-th repeat of a request
//! gets the n-th answer, cycling, so a poll that saw "started" then "complete" sees them again
//! in that order. A benchmark records one scan, then measures scans whose time is the added
//! latency and the scanner's own work, not the emulator's.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpSocket;
use tokio::task::JoinHandle;

/// What the proxy does to requests.
#[derive(Debug, Clone, Default)]
pub struct ProxyConfig {
    /// Added before every request is forwarded.
    pub delay: Duration,
    /// Every `fault_every`-th request (1-based) fails instead of being forwarded; 0 for none.
    pub fault_every: u64,
    pub fault: Fault,
    /// Never answer requests signed for this service (`rds`, `monitoring`, ...), or for any
    /// service with `*`.
    pub hang: Option<String>,
    /// Keep answers (server errors aside) for [`LatencyProxy::replay`].
    pub record: bool,
}

/// How a failing request fails.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Fault {
    /// The service's own throttling error for the request's protocol.
    #[default]
    Throttle,
    /// HTTP 500 with an empty body.
    ServerError,
    /// Alternate throttling and server errors.
    Both,
}

/// A running proxy; stops when dropped.
pub struct LatencyProxy {
    port: u16,
    task: JoinHandle<()>,
    stats: Arc<Stats>,
}

#[derive(Debug, Default)]
struct Stats {
    requests: AtomicU64,
    connections: AtomicU64,
    faults: AtomicU64,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
    replayed: AtomicU64,
    replaying: AtomicBool,
    missed: AtomicU64,
}

impl std::fmt::Debug for LatencyProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LatencyProxy")
            .field("port", &self.port)
            .finish()
    }
}

impl LatencyProxy {
    /// Starts a proxy on a free loopback port forwarding to `upstream` (`http://127.0.0.1:N`).
    /// Must be called inside a Tokio runtime.
    pub async fn start(upstream: &str, config: ProxyConfig) -> std::io::Result<LatencyProxy> {
        // A scan opens hundreds of connections at once: leave room for all of them in the
        // accept queue, or the kernel drops SYNs and each retry costs a second.
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        let listener = socket.listen(4096)?;
        let port = listener.local_addr()?.port();
        let stats = Arc::new(Stats::default());
        let shared = Arc::new(Shared {
            upstream: upstream.trim_end_matches('/').to_string(),
            config,
            client: Client::builder(TokioExecutor::new()).build(HttpConnector::new()),
            stats: Arc::clone(&stats),
            recorded: Mutex::new(HashMap::new()),
        });
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                shared.stats.connections.fetch_add(1, Ordering::Relaxed);
                let shared = Arc::clone(&shared);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        let shared = Arc::clone(&shared);
                        async move { Ok::<_, Infallible>(shared.handle(req).await) }
                    });
                    // A client hanging up mid-request is not the proxy's problem.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(LatencyProxy { port, task, stats })
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Requests received, faults included.
    pub fn requests(&self) -> u64 {
        self.stats.requests.load(Ordering::Relaxed)
    }

    /// Connections clients opened to the proxy.
    pub fn connections(&self) -> u64 {
        self.stats.connections.load(Ordering::Relaxed)
    }

    /// Requests answered with an injected fault.
    pub fn faults(&self) -> u64 {
        self.stats.faults.load(Ordering::Relaxed)
    }

    /// From now on, answers recorded requests from the recording.
    pub fn replay(&self) {
        self.stats.replaying.store(true, Ordering::Relaxed);
    }

    /// Requests answered from a recorded answer.
    pub fn replayed(&self) -> u64 {
        self.stats.replayed.load(Ordering::Relaxed)
    }

    /// Requests forwarded upstream while replaying: nothing recorded answered them.
    pub fn missed(&self) -> u64 {
        self.stats.missed.load(Ordering::Relaxed)
    }

    /// The most requests in flight at once.
    pub fn peak_in_flight(&self) -> usize {
        self.stats.peak_in_flight.load(Ordering::Relaxed)
    }
}

impl Drop for LatencyProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Shared {
    upstream: String,
    config: ProxyConfig,
    client: Client<HttpConnector, Full<Bytes>>,
    stats: Arc<Stats>,
    recorded: Mutex<HashMap<Vec<u8>, Recording>>,
}

/// The answers to one request, and which one the next repeat gets.
#[derive(Default)]
struct Recording {
    answers: Vec<Recorded>,
    next: usize,
}

/// An upstream answer kept for replay.
#[derive(Clone)]
struct Recorded {
    status: StatusCode,
    headers: hyper::HeaderMap,
    body: Bytes,
}

impl Shared {
    async fn handle(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let n = self.stats.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let now = self.stats.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
        self.stats.peak_in_flight.fetch_max(now, Ordering::Relaxed);
        if let Some(hang) = &self.config.hang
            && (hang == "*" || *hang == service_of(&req))
        {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(self.config.delay).await;
        let response = if self.config.fault_every > 0 && n.is_multiple_of(self.config.fault_every) {
            self.stats.faults.fetch_add(1, Ordering::Relaxed);
            let fault = match self.config.fault {
                Fault::Both if (n / self.config.fault_every).is_multiple_of(2) => {
                    Fault::ServerError
                }
                Fault::Both => Fault::Throttle,
                other => other,
            };
            fault_response(fault, &req)
        } else {
            self.forward(req).await
        };
        self.stats.in_flight.fetch_sub(1, Ordering::Relaxed);
        response
    }

    async fn forward(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let (parts, body) = req.into_parts();
        let body = match body.collect().await {
            Ok(b) => b.to_bytes(),
            Err(e) => {
                return text(
                    StatusCode::BAD_GATEWAY,
                    format!("proxy could not read the request: {e}"),
                );
            }
        };
        let key = self.config.record.then(|| replay_key(&parts, &body));
        if let Some(key) = &key
            && self.stats.replaying.load(Ordering::Relaxed)
            && let Some(hit) = self.recorded.lock().ok().and_then(|mut m| {
                let r = m.get_mut(key)?;
                let hit = r.answers.get(r.next % r.answers.len().max(1)).cloned();
                r.next += 1;
                hit
            })
        {
            self.stats.replayed.fetch_add(1, Ordering::Relaxed);
            let mut r = Response::new(Full::new(hit.body));
            *r.status_mut() = hit.status;
            *r.headers_mut() = hit.headers;
            return r;
        }
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        if key.is_some() && self.stats.replaying.load(Ordering::Relaxed) {
            self.stats.missed.fetch_add(1, Ordering::Relaxed);
        }
        let Ok(uri) = format!("{}{path}", self.upstream).parse::<hyper::Uri>() else {
            return text(
                StatusCode::BAD_GATEWAY,
                "proxy could not build the upstream URL".into(),
            );
        };
        let mut parts = parts;
        end_to_end_only(&mut parts.headers);
        let mut upstream = Request::from_parts(parts, Full::new(body));
        *upstream.uri_mut() = uri;
        match self.client.request(upstream).await {
            Ok(resp) => {
                let (mut parts, body) = resp.into_parts();
                end_to_end_only(&mut parts.headers);
                match body.collect().await {
                    Ok(b) => {
                        let body = b.to_bytes();
                        if let Some(key) = key
                            && !parts.status.is_server_error()
                            && !self.stats.replaying.load(Ordering::Relaxed)
                            && let Ok(mut m) = self.recorded.lock()
                        {
                            m.entry(key).or_default().answers.push(Recorded {
                                status: parts.status,
                                headers: parts.headers.clone(),
                                body: body.clone(),
                            });
                        }
                        Response::from_parts(parts, Full::new(body))
                    }
                    Err(e) => text(
                        StatusCode::BAD_GATEWAY,
                        format!("proxy lost the upstream answer: {e}"),
                    ),
                }
            }
            Err(e) => text(
                StatusCode::BAD_GATEWAY,
                format!("proxy could not reach upstream: {e}"),
            ),
        }
    }
}

/// Removes the headers that describe one connection rather than the message (RFC 9110
/// §7.6.1), as any proxy must: the emulator closes every connection it answers
/// (`Connection: close`), and passing that on would make the client open a new connection for
/// every request, which no client of AWS does.
fn end_to_end_only(headers: &mut hyper::HeaderMap) {
    use hyper::header::{CONNECTION, HeaderName, TE, TRAILER, TRANSFER_ENCODING, UPGRADE};
    let named: Vec<HeaderName> = headers
        .get_all(CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in [CONNECTION, TE, TRAILER, TRANSFER_ENCODING, UPGRADE] {
        headers.remove(name);
    }
    for name in ["keep-alive", "proxy-connection"] {
        headers.remove(name);
    }
}

fn text(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = status;
    r
}

/// What makes two requests the same question: method, host, path and query, the credential
/// scope's region and service, the JSON operation header, and the body. Signatures, dates and
/// invocation ids are left out.
fn replay_key(parts: &hyper::http::request::Parts, body: &[u8]) -> Vec<u8> {
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let scope = header("authorization")
        .split("Credential=")
        .nth(1)
        .and_then(|c| c.split(',').next())
        .map(|c| c.split('/').skip(2).take(2).collect::<Vec<_>>().join("/"))
        .unwrap_or_default();
    let mut key = Vec::with_capacity(body.len() + 128);
    for part in [
        parts.method.as_str(),
        header("host"),
        parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/"),
        &scope,
        header("x-amz-target"),
    ] {
        key.extend_from_slice(part.as_bytes());
        key.push(0);
    }
    key.extend_from_slice(body);
    key
}

/// The signing name in the request's credential scope (`ec2`, `s3`, `monitoring`, ...).
fn service_of<B>(req: &Request<B>) -> String {
    req.headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.split("Credential=").nth(1))
        .and_then(|c| c.split('/').nth(3))
        .unwrap_or_default()
        .to_string()
}

/// Signing names of the REST-JSON services (other than Lambda) wellscan calls: their requests
/// carry no JSON content type to tell them by.
const REST_JSON: &[&str] = &["backup", "elasticfilesystem", "guardduty", "securityhub"];

/// A fault in the protocol the request speaks, so the SDK classifies it as the service would.
fn fault_response<B>(fault: Fault, req: &Request<B>) -> Response<Full<Bytes>> {
    if fault == Fault::ServerError {
        return text(StatusCode::INTERNAL_SERVER_ERROR, String::new());
    }
    let content_type = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let service = service_of(req);
    let (status, headers, body): (u16, Vec<(&str, &str)>, Bytes) = if service == "ec2" {
        (
            503,
            vec![("content-type", "text/xml")],
            Bytes::from_static(b"<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>proxy</RequestID></Response>"),
        )
    } else if service == "s3" {
        (
            503,
            vec![("content-type", "application/xml")],
            Bytes::from_static(b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"),
        )
    } else if content_type.contains("cbor") {
        (
            400,
            vec![
                ("content-type", "application/cbor"),
                ("smithy-protocol", "rpc-v2-cbor"),
            ],
            cbor_error("ThrottlingException"),
        )
    } else if content_type.contains("x-amz-json") {
        (
            400,
            vec![
                ("content-type", content_type.as_str()),
                ("x-amzn-errortype", "ThrottlingException"),
            ],
            Bytes::from_static(br#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#),
        )
    } else if service == "lambda" {
        (
            429,
            vec![
                ("content-type", "application/json"),
                ("x-amzn-errortype", "TooManyRequestsException"),
            ],
            Bytes::from_static(br#"{"Type":"User","message":"Rate exceeded"}"#),
        )
    } else if REST_JSON.contains(&service.as_str()) {
        (
            429,
            vec![
                ("content-type", "application/json"),
                ("x-amzn-errortype", "ThrottlingException"),
            ],
            Bytes::from_static(br#"{"message":"Rate exceeded"}"#),
        )
    } else {
        (
            400,
            vec![("content-type", "text/xml")],
            Bytes::from_static(b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>proxy</RequestId></ErrorResponse>"),
        )
    };
    let mut r = Response::new(Full::new(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    for (k, v) in headers {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(k.as_bytes()),
            hyper::header::HeaderValue::from_str(v),
        ) {
            r.headers_mut().insert(name, value);
        }
    }
    r
}

/// `{"__type": code}` as CBOR.
fn cbor_error(code: &str) -> Bytes {
    let mut out = vec![0xa1];
    for text in ["__type", code] {
        out.push(0x60 | text.len() as u8);
        out.extend_from_slice(text.as_bytes());
    }
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbor_error_is_a_one_entry_map() {
        let bytes = cbor_error("ThrottlingException");
        assert_eq!(bytes[0], 0xa1);
        assert_eq!(bytes[1], 0x66);
        assert_eq!(&bytes[2..8], b"__type");
        assert_eq!(bytes[8], 0x73);
    }
}
