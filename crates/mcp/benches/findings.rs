//! `findings` over a scan of about 10,000 findings, through the protocol: the demo grown to
//! 7,500 resources, scanned and recorded in a SQLite history with its `assessment.json`, then
//! every page asked of the server over a pipe as an assistant's client asks (JSON-RPC lines).
//!
//! `cargo bench -p wellscan-mcp --bench findings`
//!
//! Prints the first page of servers started afresh (which reads `assessment.json` and indexes
//! its findings), then every page of 25, every page of 100 and two filtered listings: median,
//! 95th percentile and slowest (target: each page under 50 ms).

use std::sync::Arc;
use std::time::{Duration, Instant};

use rmcp::ServiceExt;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use wellscan_mcp::{Archive, Caller, LocalReports, Mcp};
use wellscan_store::SqliteStore;

const RESOURCES: usize = 7_500;

/// Servers started afresh to time a first page.
const COLD_RUNS: usize = 15;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench());
}

async fn bench() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (scan_id, findings, history, bytes) = recorded_scan(dir.path()).await;
    println!(
        "findings over scan {scan_id}: {findings} findings, assessment.json {:.1} MB",
        bytes as f64 / 1e6
    );

    // Each server starts with nothing read: its first page reads the file.
    let mut cold = Vec::new();
    for _ in 0..COLD_RUNS {
        let mut client = Client::serve(history.clone()).await;
        let started = Instant::now();
        let first = client
            .findings(json!({"scan": scan_id, "page": 1, "page_size": 25}))
            .await;
        cold.push(started.elapsed());
        assert_eq!(first["total"], findings);
    }
    report(
        &format!(
            "first page, cold (reads assessment.json, indexes its findings): {COLD_RUNS} servers"
        ),
        cold,
    );

    let mut client = Client::serve(history).await;
    client
        .findings(json!({"scan": scan_id, "page": 1, "page_size": 1}))
        .await;
    for (label, filter, size) in [
        ("every page of 25", json!({}), 25),
        ("every page of 100", json!({}), 100),
        (
            "severity high in us-east-1, pages of 25",
            json!({"severity": "high", "region": "us-east-1"}),
            25,
        ),
        (
            "resource text search, pages of 25",
            json!({"resource": "prod"}),
            25,
        ),
    ] {
        let mut times = Vec::new();
        let mut page = 1;
        loop {
            let mut args = filter.clone();
            args["scan"] = json!(scan_id);
            args["page"] = json!(page);
            args["page_size"] = json!(size);
            let started = Instant::now();
            let answer = client.findings(args).await;
            times.push(started.elapsed());
            let pages = answer["pages"].as_u64().unwrap_or(0) as usize;
            if page >= pages {
                break;
            }
            page += 1;
        }
        report(&format!("{label}: {} pages", times.len()), times);
    }
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "  {label}: median {:.2} ms, p95 {:.2} ms, slowest {:.2} ms (target < 50 ms)",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// The grown demo scanned and recorded as `wellscan scan --format json` records it: its id,
/// findings, history and the size of its `assessment.json`.
async fn recorded_scan(
    dir: &std::path::Path,
) -> (String, usize, Arc<dyn wellscan_store::ScanStore>, u64) {
    let (inventory, _) = wellscan_testkit::scaled_demo(RESOURCES);
    let file = dir.join("inventory.json");
    std::fs::write(&file, serde_json::to_string(&inventory).expect("json")).expect("write");
    let history: Arc<dyn wellscan_store::ScanStore> =
        Arc::new(SqliteStore::open(&dir.join("history.db")).expect("history"));
    let plan = wellscan_orchestrator::ScanPlan {
        scan_id: wellscan_orchestrator::new_scan_id(),
        source: wellscan_orchestrator::InventorySource::File(file),
        regions: None,
        checks: wellscan_checks::Config::default(),
        prices: Arc::new(wellscan_checks::PriceTable::embedded().clone()),
        formats: vec![wellscan_report::Format::Json],
        render: Default::default(),
        analyst_timeout: Duration::from_secs(30),
        agent_concurrency: wellscan_orchestrator::DEFAULT_AGENT_CONCURRENCY,
        brief_tokens: wellscan_agents::DEFAULT_BRIEF_TOKENS,
    };
    let services = wellscan_orchestrator::Services {
        analyst: Arc::new(wellscan_agents::Offline),
        publisher: Arc::new(wellscan_report::LocalDir::new(dir.join("out"))),
        upload: None,
        history: Some(history.clone()),
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let outcome = wellscan_orchestrator::run(&plan, &services, &tx)
        .await
        .expect("scan");
    let id = outcome.assessment.scan.id.clone();
    let record = history.get(&id).await.expect("history").expect("recorded");
    let bytes = record
        .reports
        .iter()
        .filter(|r| r.ends_with("assessment.json"))
        .map(|r| std::fs::metadata(r).expect("assessment.json").len())
        .sum();
    (id, outcome.assessment.findings.len(), history, bytes)
}

/// JSON-RPC over the pipe, one line a message.
struct Client {
    read: tokio::io::Lines<BufReader<tokio::io::ReadHalf<tokio::io::DuplexStream>>>,
    write: tokio::io::WriteHalf<tokio::io::DuplexStream>,
    next: u64,
}

impl Client {
    /// A server over `history` with nothing read yet, and a client of it on a pipe.
    async fn serve(history: Arc<dyn wellscan_store::ScanStore>) -> Client {
        let archive = Arc::new(Archive::new(history, Arc::new(LocalReports)));
        let mcp = Mcp::new(
            archive,
            Caller {
                actor: "bench".into(),
                may_start_scans: false,
            },
        );
        let (client, server) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server);
        tokio::spawn(async move {
            if let Ok(running) = mcp.serve((server_read, server_write)).await {
                let _ = running.waiting().await;
            }
        });
        Client::new(client).await
    }

    async fn new(pipe: tokio::io::DuplexStream) -> Client {
        let (read, write) = tokio::io::split(pipe);
        let mut client = Client {
            read: BufReader::new(read).lines(),
            write,
            next: 1,
        };
        client
            .request(
                "initialize",
                json!({
                    "protocolVersion": "2025-11-25",
                    "capabilities": {},
                    "clientInfo": {"name": "wellscan-bench", "version": "1"},
                }),
            )
            .await;
        client
            .send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
            .await;
        client
    }

    async fn send(&mut self, message: Value) {
        let line = format!("{message}\n");
        self.write.write_all(line.as_bytes()).await.expect("write");
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let line = self
                .read
                .next_line()
                .await
                .expect("read")
                .expect("the server closed the pipe");
            let message: Value = serde_json::from_str(&line).expect("JSON-RPC");
            if message["id"] == id {
                return message;
            }
        }
    }

    /// One page of `findings`: its structured content.
    async fn findings(&mut self, arguments: Value) -> Value {
        let answer = self
            .request(
                "tools/call",
                json!({"name": "findings", "arguments": arguments}),
            )
            .await;
        let result = &answer["result"];
        assert_ne!(result["isError"], true, "{answer}");
        result["structuredContent"].clone()
    }
}
