//! A plain HTTP/1.1 client for loopback URLs (presigned links, served pages, the service's API),
//! with no client library between the test and the wire: what a test sends is exactly what a
//! client could send, oversized headers included.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::TestkitError;

/// An answer: status, headers (names lower-cased) and the body, de-chunked.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; `Null` when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// The status and body of `GET url`, for an `http://127.0.0.1:PORT/...` URL.
pub fn http_get(url: &str) -> Result<(u16, Vec<u8>), TestkitError> {
    http_request("GET", url, &[], None).map(|r| (r.status, r.body))
}

fn split_url(url: &str) -> Result<(&str, &str), TestkitError> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| bad(url, "not an http URL"))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    Ok((host, if path.is_empty() { "/" } else { path }))
}

fn bad(url: &str, problem: &str) -> TestkitError {
    TestkitError::Http {
        url: url.to_string(),
        problem: problem.to_string(),
    }
}

fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Result<TcpStream, TestkitError> {
    let io = |e: std::io::Error| bad(url, &e.to_string());
    let (host, path) = split_url(url)?;
    let mut stream = TcpStream::connect(host).map_err(io)?;
    // A server that never answers fails the test instead of holding it.
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(io)?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).map_err(io)?;
    if let Some(body) = body {
        // A server may answer (413) and close before reading all of a large body.
        let _ = stream.write_all(body);
    }
    Ok(stream)
}

/// Sends one request and reads the whole answer.
pub fn http_request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Result<HttpResponse, TestkitError> {
    let mut stream = send(method, url, headers, body)?;
    let mut answer = Vec::new();
    if let Err(e) = stream.read_to_end(&mut answer)
        && answer.is_empty()
    {
        return Err(bad(url, &e.to_string()));
    }
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad(url, "no header end"))?;
    let (status, headers) = parse_head(url, &String::from_utf8_lossy(&answer[..split]))?;
    let mut body = answer[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

fn parse_head(url: &str, head: &str) -> Result<(u16, Vec<(String, String)>), TestkitError> {
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad(url, "no status"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok((status, headers))
}

/// One Server-Sent Event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub event: String,
    pub data: String,
}

/// Reads a Server-Sent Events stream until the server closes it or `deadline` passes; returns
/// the status and the events in order.
pub fn sse_events(
    url: &str,
    headers: &[(&str, &str)],
    deadline: Duration,
) -> Result<(u16, Vec<SseEvent>), TestkitError> {
    let stream = send("GET", url, headers, None)?;
    let started = Instant::now();
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader
            .read_line(&mut line)
            .map_err(|e| bad(url, &e.to_string()))?
            == 0
        {
            return Err(bad(url, "closed before the headers ended"));
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let (status, headers) = parse_head(url, head.trim_end())?;
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let mut text = String::new();
    let mut events = Vec::new();
    while started.elapsed() < deadline {
        let piece = match next_piece(&mut reader, chunked) {
            Ok(Some(piece)) => piece,
            Ok(None) => break,
            Err(e) => return Err(bad(url, &e.to_string())),
        };
        text.push_str(&String::from_utf8_lossy(&piece));
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            let mut event = SseEvent {
                event: "message".into(),
                data: String::new(),
            };
            let mut any = false;
            for field in block.lines() {
                if let Some(name) = field.strip_prefix("event:") {
                    event.event = name.trim().to_string();
                    any = true;
                } else if let Some(data) = field.strip_prefix("data:") {
                    if !event.data.is_empty() {
                        event.data.push('\n');
                    }
                    event.data.push_str(data.strip_prefix(' ').unwrap_or(data));
                    any = true;
                }
            }
            if any {
                events.push(event);
            }
        }
    }
    Ok((status, events))
}

/// The next bytes of the body: one chunk, or one line when the body is not chunked; `None` at
/// its end.
fn next_piece(
    reader: &mut BufReader<TcpStream>,
    chunked: bool,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    if !chunked {
        return Ok(Some(line.into_bytes()));
    }
    let size = usize::from_str_radix(line.trim(), 16)
        .map_err(|_| std::io::Error::other(format!("bad chunk size {line:?}")))?;
    if size == 0 {
        return Ok(None);
    }
    let mut chunk = vec![0; size + 2];
    reader.read_exact(&mut chunk)?;
    chunk.truncate(size);
    Ok(Some(chunk))
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&data[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        let end = (start + size).min(data.len());
        out.extend_from_slice(&data[start..end]);
        data = data.get(end + 2..).unwrap_or_default();
    }
    out
}
