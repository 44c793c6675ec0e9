//! Discovery speed and size, against moto behind an 80 ms-per-request latency proxy.
//!
//! `cargo bench -p wellscan-scanner --bench scan` (needs `cargo xtask setup` first).
//!
//! 1. The same small account in 17 regions: wall time of the default scan, of
//!    `--concurrency 1`, and the critical path (the longest chain of dependent calls the scan
//!    made, times the added latency).
//! 2. An account of about 20,000 resources: wall time, requests made and the scanner's peak
//!    memory.

// The benchmark seeds like the integration tests but never looks at what was seeded.
#[allow(dead_code)]
#[path = "../tests/it/seed.rs"]
mod seed;

use std::time::{Duration, Instant};

use wellscan_scanner::{CallLog, Options, ScanOutput};
use wellscan_testkit::{LatencyProxy, MotoServer, ProxyConfig};

const LATENCY: Duration = Duration::from_millis(80);
const REGIONS: [&str; 17] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-south-1",
    "sa-east-1",
];

struct Measured {
    output: ScanOutput,
    wall: Duration,
    calls: CallLog,
}

async fn measure(endpoint: &str, options: Options) -> Measured {
    let sdk = seed::config(endpoint, "us-east-1").await;
    let calls = CallLog::new();
    let options = Options {
        calls: Some(calls.clone()),
        ..options
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let drain = tokio::spawn(async move { while rx.recv().await.is_some() {} });
    let started = Instant::now();
    let output = wellscan_scanner::scan(&sdk, &options, &tx)
        .await
        .expect("scan");
    let wall = started.elapsed();
    drop(tx);
    let _ = drain.await;
    Measured {
        output,
        wall,
        calls,
    }
}

fn operations(calls: &CallLog) -> u64 {
    calls.operations().values().sum()
}

/// The process's peak resident memory in MiB, and a reset of that peak (Linux).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        seventeen_regions().await;
        twenty_thousand_resources().await;
    });
}

async fn seventeen_regions() {
    let moto = MotoServer::start().expect("moto starts (run `cargo xtask setup` first)");
    let role = seed::global(&moto.endpoint()).await;
    for region in REGIONS {
        seed::region(&moto.endpoint(), region, "bench", &role).await;
    }
    let proxy = LatencyProxy::start(
        &moto.endpoint(),
        ProxyConfig {
            delay: LATENCY,
            ..ProxyConfig::default()
        },
    )
    .await
    .expect("proxy");
    let regions = Some(REGIONS.map(String::from).to_vec());

    let default = measure(
        &proxy.endpoint(),
        Options {
            regions: regions.clone(),
            ..Options::default()
        },
    )
    .await;
    let serial = measure(
        &proxy.endpoint(),
        Options {
            regions,
            concurrency: 1,
            ..Options::default()
        },
    )
    .await;
    let critical = LATENCY * default.output.critical_path_calls;

    println!(
        "17 regions, {} resources, {LATENCY:?} added per request",
        default.output.inventory.resources.len()
    );
    println!(
        "  default (--concurrency {}): {:>8.2?}  {} calls, {} requests, peak {} in flight",
        Options::default().concurrency,
        default.wall,
        operations(&default.calls),
        default.calls.attempts(),
        proxy.peak_in_flight(),
    );
    println!(
        "  --concurrency 1:           {:>8.2?}  {} calls",
        serial.wall,
        operations(&serial.calls)
    );
    println!(
        "  critical path:             {:>8.2?}  ({} dependent calls × {LATENCY:?})",
        critical, default.output.critical_path_calls
    );
    println!(
        "  default / critical path = {:.2} (target ≤ 1.5); --concurrency 1 / default = {:.1}× (target ≥ 10)",
        default.wall.as_secs_f64() / critical.as_secs_f64(),
        serial.wall.as_secs_f64() / default.wall.as_secs_f64(),
    );
    assert_eq!(
        default.output.inventory.resources.len(),
        serial.output.inventory.resources.len(),
        "both scans see the same account"
    );
}

async fn twenty_thousand_resources() {
    let moto = MotoServer::start().expect("moto starts");
    let cfg = seed::config(&moto.endpoint(), "us-east-1").await;
    let ec2 = aws_sdk_ec2::Client::new(&cfg);
    let ami = wellscan_testkit::TEST_AMI;
    // Each instance brings its root volume: 10,000 instances make about 20,000 resources.
    for _ in 0..20 {
        ec2.run_instances()
            .image_id(ami)
            .min_count(500)
            .max_count(500)
            .send()
            .await
            .expect("run");
    }
    let proxy = LatencyProxy::start(
        &moto.endpoint(),
        ProxyConfig {
            delay: LATENCY,
            ..ProxyConfig::default()
        },
    )
    .await
    .expect("proxy");
    reset_peak_rss();
    let before = peak_rss_mib();
    let big = measure(
        &proxy.endpoint(),
        Options {
            regions: Some(vec!["us-east-1".into()]),
            ..Options::default()
        },
    )
    .await;
    let peak = peak_rss_mib();
    println!(
        "one region, {} resources, {LATENCY:?} added per request",
        big.output.inventory.resources.len()
    );
    println!(
        "  wall {:.2?}, {} calls, {} requests, peak memory {peak:.0} MiB (was {before:.0} MiB before the scan)",
        big.wall,
        operations(&big.calls),
        big.calls.attempts(),
    );
}
