//! A page in headless Chromium (Debian's `chromium`), served from loopback: its DOM after the
//! scripts ran, what it wrote to the console, every request it made, and a screenshot.
//!
//! Chromium runs with the flags this machine's closed network needs and a resolver that maps
//! every host but 127.0.0.1 to "not found", so nothing the browser does leaves the machine.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::tools::run_tool;

/// What Chromium made of a page.
#[derive(Debug)]
pub struct BrowsedPage {
    /// The DOM after the page's scripts ran (`--dump-dom`).
    pub dom: String,
    /// Console messages (errors, warnings, CSP refusals), one per line.
    pub console: Vec<String>,
    /// Every path the page asked the loopback server for.
    pub served: Vec<String>,
    /// Every URL in Chromium's network log.
    pub urls: Vec<String>,
}

/// Serves `html` as `/report.html` on loopback until dropped; records each request's path.
pub(crate) struct PageServer {
    pub(crate) port: u16,
    served: Arc<Mutex<Vec<String>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for PageServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop so it sees the flag and ends.
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
    }
}

impl PageServer {
    pub(crate) fn start(html: Vec<u8>) -> PageServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("address").port();
        let served = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&served);
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stopped.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
                // Drain the request head.
                let mut header = String::new();
                while reader
                    .read_line(&mut header)
                    .map(|n| n > 2)
                    .unwrap_or(false)
                {
                    header.clear();
                }
                let (status, body): (&str, &[u8]) = if path == "/report.html" {
                    ("200 OK", &html)
                } else {
                    ("404 Not Found", b"not here")
                };
                // A preconnected socket that never sent a request is not a request.
                if let (false, Ok(mut paths)) = (path.is_empty(), log.lock()) {
                    paths.push(path);
                }
                let mut out = &stream;
                let _ = write!(
                    out,
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = out.write_all(body);
            }
        });
        PageServer { port, served, stop }
    }
}

/// The flags every Chromium a test starts gets: headless, no network beyond loopback, no
/// first-run work.
pub(crate) const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

fn chromium(profile: &Path, extra: &[String], url: &str) -> std::process::Output {
    let mut args: Vec<String> = FLAGS.iter().map(|s| s.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend_from_slice(extra);
    args.push(url.to_string());
    let refs: Vec<&dyn AsRef<std::ffi::OsStr>> = args
        .iter()
        .map(|a| a as &dyn AsRef<std::ffi::OsStr>)
        .collect();
    run_tool("chromium", &refs)
}

/// Opens `html` at `/report.html#fragment` (fragment without `#`, may be empty) and, if asked,
/// saves a `width`×`height` screenshot.
pub fn browse(html: &[u8], fragment: &str, screenshot: Option<(&Path, u32, u32)>) -> BrowsedPage {
    let server = PageServer::start(html.to_vec());
    let work = tempfile_dir();
    let url = format!("http://127.0.0.1:{}/report.html#{fragment}", server.port);
    let net_log = work.join("net.json");
    let dumped = chromium(
        &work.join("profile-dom"),
        &[
            "--enable-logging=stderr".into(),
            "--v=0".into(),
            format!("--log-net-log={}", net_log.display()),
            "--dump-dom".into(),
        ],
        &url,
    );
    if let Some((path, width, height)) = screenshot {
        chromium(
            &work.join("profile-shot"),
            &[
                format!("--window-size={width},{height}"),
                format!("--screenshot={}", path.display()),
            ],
            &url,
        );
    }
    let console = String::from_utf8_lossy(&dumped.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    let log = std::fs::read_to_string(&net_log).unwrap_or_default();
    let urls = log
        .split("\"url\":\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect();
    let served = server.served.lock().map(|p| p.clone()).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&work);
    BrowsedPage {
        dom: String::from_utf8_lossy(&dumped.stdout).into_owned(),
        console,
        served,
        urls,
    }
}

pub(crate) fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "wellscan-chromium-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
