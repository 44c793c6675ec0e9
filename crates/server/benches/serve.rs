//! The service under load: 200 clients, each with its own API token, reading scan lists, single
//! scans and an account's trend over HTTP/1.1 keep-alive connections, while demo scans keep the
//! queue's 2 slots busy. The service runs on its own runtime of 2 workers, as `wellscan serve`
//! does on 2 cores; the clients run on another, on the same 2 cores. Each client opens its
//! connection first (reported on its own line), then every run reports each read's latency
//! (p50, p90, p99, max) and the throughput; the target is p99 under 50 ms.
//!
//! `cargo bench -p wellscan-server --bench serve`

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use wellscan_server::{Config, Role, ScanSettings, Server};

const CLIENTS: usize = 200;
/// Reads per client in each run.
const READS: usize = 100;
/// Demo scans recorded before the clients start (the lists and trends they read).
const SEEDED: usize = 12;
/// Demo scans queued during the measurement: enough to keep both slots busy throughout.
const BUSY: usize = 150;

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

async fn call(
    http: &Http,
    method: &str,
    url: &str,
    token: &str,
    body: Option<&str>,
) -> (u16, Value) {
    let request = hyper::Request::builder()
        .method(method)
        .uri(url)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.unwrap_or_default().to_string())))
        .expect("request");
    let response = http.request(request).await.expect("an answer");
    let status = response.status().as_u16();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn wait_idle(http: &Http, base: &str, token: &str) {
    loop {
        let (_, ready) = call(http, "GET", &format!("{base}/readyz"), token, None).await;
        if ready["scans_live"] == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[at]
}

fn main() {
    // The service on its own runtime of 2 workers, as `wellscan serve` runs on 2 cores; the
    // clients on another, sharing the same 2 cores.
    let serving = runtime("serve");
    let clients = runtime("client");
    let tmp = tempfile::tempdir().expect("temp dir");
    let (base, admin, tokens, stop) = serving.block_on(start(tmp.path()));
    clients.block_on(bench(&base, &admin, &tokens));
    let _ = stop.send(());
    drop(serving);
}

fn runtime(name: &str) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(name)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Starts the service with `CLIENTS` viewer tokens; returns its address, the admin token, the
/// viewers' tokens and what stops it.
async fn start(
    tmp: &std::path::Path,
) -> (
    String,
    String,
    Vec<String>,
    tokio::sync::oneshot::Sender<()>,
) {
    let data = tmp.join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    let history =
        Arc::new(wellscan_store::SqliteStore::open(&data.join("history.db")).expect("history"));
    let settings = ScanSettings {
        checks: wellscan_checks::Config::default(),
        prices: Arc::new(wellscan_checks::PriceTable::embedded().clone()),
        formats: wellscan_report::Format::ALL.to_vec(),
        render: wellscan_report::RenderOptions::default(),
        analyst_timeout: Duration::from_secs(60),
        agent_concurrency: 6,
        brief_tokens: wellscan_agents::DEFAULT_BRIEF_TOKENS,
        analyst: Arc::new(wellscan_agents::Offline),
        upload: None,
        access: Default::default(),
        discovery_concurrency: 64,
        deadline: None,
    };
    let records: Arc<dyn wellscan_server::Records> =
        Arc::new(wellscan_server::open_db(&data).expect("server.db"));
    let server = Server::bind(Config {
        listen: "127.0.0.1:0".parse().expect("address"),
        data_dir: data.clone(),
        demo_only: true,
        max_concurrent_scans: 2,
        shutdown_deadline: Duration::from_secs(0),
        // The one admin token queues every scan; the readers, one token each, stay far below any
        // limit.
        requests_per_minute: 100_000,
        https: false,
        history,
        records: records.clone(),
        scans: settings,
        eventbridge: None,
        oidc: None,
        mcp_allow_scans: false,
    })
    .await
    .expect("the service binds");
    let base = format!("http://{}", server.local_addr().expect("address"));
    let admin = server
        .first_token
        .as_ref()
        .expect("first token")
        .token
        .clone();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async move {
        let _ = stop_rx.await;
    }));

    let mut tokens: Vec<String> = Vec::new();
    for i in 0..CLIENTS {
        let made = wellscan_server::auth::create_token(
            records.as_ref(),
            &format!("reader {i}"),
            Role::Viewer,
            "bench",
        )
        .await
        .expect("token");
        tokens.push(made.token);
    }
    (base, admin, tokens, stop_tx)
}

async fn bench(base: &str, admin: &str, tokens: &[String]) {
    let (base, admin) = (base.to_string(), admin.to_string());
    let http: Http = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(CLIENTS)
        .build_http();

    let seeding = Instant::now();
    let mut ids = Vec::new();
    for _ in 0..SEEDED {
        let (status, started) = call(
            &http,
            "POST",
            &format!("{base}/api/scans"),
            &admin,
            Some(r#"{"demo": true}"#),
        )
        .await;
        assert_eq!(status, 202, "{started}");
        ids.push(started["id"].as_str().expect("id").to_string());
    }
    wait_idle(&http, &base, &admin).await;
    println!(
        "seeded {SEEDED} demo scans in {:.1} s ({:.2} s per scan, 2 at a time)",
        seeding.elapsed().as_secs_f64(),
        seeding.elapsed().as_secs_f64() / SEEDED as f64 * 2.0
    );

    let readers = Readers {
        http: http.clone(),
        base: base.clone(),
        admin: admin.clone(),
        tokens: tokens.to_vec(),
        ids: Arc::new(ids),
    };
    // Each client opens its connection first (the pool keeps it), so the runs below measure
    // reads, not 200 TCP handshakes at once.
    readers
        .measure("200 clients connecting at once", 1, None)
        .await;
    readers.measure("no scan running", READS, None).await;
    for _ in 0..BUSY {
        let (status, _) = call(
            &http,
            "POST",
            &format!("{base}/api/scans"),
            &admin,
            Some(r#"{"demo": true}"#),
        )
        .await;
        assert_eq!(status, 202);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    readers.measure("2 scans running", READS, None).await;
    readers
        .measure(
            "2 scans running, each client polling every 100 ms",
            READS,
            Some(Duration::from_millis(100)),
        )
        .await;
}

/// The readers: one token each, reading the scans `ids` (and lists and the trend).
struct Readers {
    http: Http,
    base: String,
    admin: String,
    tokens: Vec<String>,
    ids: Arc<Vec<String>>,
}

impl Readers {
    /// 200 clients at once, each reading as fast as it gets answers, or (with `pace`) sending one
    /// request per `pace`, as a dashboard that polls does; the clients' ticks are spread evenly.
    async fn measure(&self, what: &str, reads: usize, pace: Option<Duration>) {
        let Readers {
            http,
            base,
            admin,
            tokens,
            ids,
        } = self;
        let (_, before) = call(http, "GET", &format!("{base}/readyz"), admin, None).await;

        let started = Instant::now();
        let mut clients = Vec::new();
        for (n, token) in tokens.iter().cloned().enumerate() {
            let http = http.clone();
            let base = base.clone();
            let ids = ids.clone();
            clients.push(tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(reads);
                let mut failures = 0usize;
                let first = tokio::time::Instant::now()
                    + pace.map_or(Duration::ZERO, |p| p.mul_f64(n as f64 / CLIENTS as f64));
                for i in 0..reads {
                    if let Some(pace) = pace {
                        tokio::time::sleep_until(first + pace * i as u32).await;
                    }
                    let path = match (n + i) % 3 {
                        0 => "/api/scans?limit=20".to_string(),
                        1 => format!("/api/scans/{}", ids[(n + i) % ids.len()]),
                        _ => "/api/accounts/123456789012/trend".to_string(),
                    };
                    let request = hyper::Request::builder()
                        .uri(format!("{base}{path}"))
                        .header("authorization", format!("Bearer {token}"))
                        .body(Full::new(Bytes::new()))
                        .expect("request");
                    let at = Instant::now();
                    match http.request(request).await {
                        Ok(response) => {
                            let ok = response.status().is_success();
                            let _ = response.into_body().collect().await;
                            latencies.push(at.elapsed());
                            if !ok {
                                failures += 1;
                            }
                        }
                        Err(_) => failures += 1,
                    }
                }
                (latencies, failures)
            }));
        }
        let mut latencies = Vec::new();
        let mut failures = 0;
        for client in clients {
            let (l, f) = client.await.expect("client");
            latencies.extend(l);
            failures += f;
        }
        let elapsed = started.elapsed();
        let (_, after) = call(http, "GET", &format!("{base}/readyz"), admin, None).await;
        latencies.sort();
        let p99 = percentile(&latencies, 0.99);
        println!(
            "{what}: {CLIENTS} clients × {reads} reads (scan lists, scans, trends); scans live before {}, after {}",
            before["scans_live"], after["scans_live"]
        );
        println!(
            "  {} requests in {:.2} s = {:.0} requests/s; {failures} failed",
            latencies.len(),
            elapsed.as_secs_f64(),
            latencies.len() as f64 / elapsed.as_secs_f64()
        );
        println!(
            "  latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms (target p99 < 50 ms: {})",
            percentile(&latencies, 0.50).as_secs_f64() * 1e3,
            percentile(&latencies, 0.90).as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3,
            latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
            match (reads, p99 < Duration::from_millis(50)) {
                (1, _) => "not a read run",
                (_, true) => "met",
                (_, false) => "NOT met",
            }
        );
    }
}
