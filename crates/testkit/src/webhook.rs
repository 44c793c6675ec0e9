//! A loopback incoming webhook, as Slack's: it keeps every request it is sent and answers each
//! with the status and body a test chose (Slack answers `200 ok`, or `400 invalid_payload`,
//! `404 no_service`, `500`). Plain threads, so a test that runs the binary needs no runtime.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One request the webhook was sent.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub method: String,
    pub path: String,
    pub content_type: String,
    pub body: String,
}

/// A running webhook; stops taking requests when dropped.
pub struct Webhook {
    url: String,
    received: Arc<Mutex<Vec<Delivery>>>,
    address: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
}

impl Webhook {
    /// A webhook at `http://127.0.0.1:PORT/services/T000/B000/wellscan-test` that answers
    /// every request with `status` (`"200 OK"`) and `body` (`"ok"`).
    pub fn start(status: &'static str, body: &'static str) -> std::io::Result<Webhook> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!(
            "http://{}/services/T000/B000/wellscan-test",
            listener.local_addr()?
        );
        let address = listener.local_addr()?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let keep = Arc::clone(&received);
        let stopped = Arc::clone(&stop);
        std::thread::spawn(move || {
            for mut socket in listener.incoming().flatten() {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                let Some(delivery) = read_request(&mut socket) else {
                    continue;
                };
                if let Ok(mut all) = keep.lock() {
                    all.push(delivery);
                }
                let answer = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes());
            }
        });
        Ok(Webhook {
            url,
            received,
            address,
            stop,
        })
    }

    /// The webhook's URL: the secret a test hands wellscan.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request so far, oldest first.
    pub fn received(&self) -> Vec<Delivery> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for Webhook {
    fn drop(&mut self) {
        // Wakes the accept loop with a last connection, after which it stops.
        self.stop.store(true, Ordering::Relaxed);
        let _ = std::net::TcpStream::connect(self.address);
    }
}

/// Reads one HTTP/1.1 request: its head, then as many body bytes as it announces.
fn read_request(socket: &mut std::net::TcpStream) -> Option<Delivery> {
    let _ = socket.set_read_timeout(Some(std::time::Duration::from_secs(10)));
    let mut data = Vec::new();
    let mut chunk = [0u8; 8192];
    let (head_end, length) = loop {
        let n = socket.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&chunk[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = header(&head, "content-length")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            break (end, length);
        }
    };
    while data.len() < head_end + 4 + length {
        let n = socket.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut request_line = head.lines().next().unwrap_or_default().split(' ');
    let lower = head.to_ascii_lowercase();
    Some(Delivery {
        method: request_line.next().unwrap_or_default().to_string(),
        path: request_line.next().unwrap_or_default().to_string(),
        content_type: header(&lower, "content-type")
            .unwrap_or_default()
            .to_string(),
        body: String::from_utf8_lossy(&data[head_end + 4..]).into_owned(),
    })
}

/// The value of header `name` (lower case) in a lower-cased head.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == name).then(|| value.trim())
    })
}
