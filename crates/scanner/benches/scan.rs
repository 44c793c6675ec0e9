//! Discovery speed and size, against moto behind an 80 ms-per-request latency proxy.
//!
//! `cargo bench -p wellscan-scanner --bench scan` (needs `cargo xtask setup` first).
//!
//! 1. The same small account in 17 regions: wall time of the default scan, of
//!    `--concurrency 1`, and the critical path (the longest chain of dependent calls the scan
//!    made, times the added latency). One Python moto process answers a few hundred calls a
//!    second on two cores, slower than the scan asks; so the first scan goes through to moto
//!    and the proxy records every answer, and the measured scans are answered from that
//!    recording after the same added latency. The first scan's time is printed too. Each
//!    measured scan also prints the CPU this process used meanwhile (the scan and the proxy),
//!    to tell a scan waiting on its CPU from one waiting on its schedule.
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
/// Requests in flight while the first scan records moto's answers.
const RECORDING_CONCURRENCY: usize = 16;
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
    /// CPU time of this process (the scan and the proxy answering it) during the scan.
    cpu: Duration,
    calls: CallLog,
    /// The three units that finished last, with when.
    last_units: Vec<(String, Duration)>,
}

/// CPU time this process has used, user and system, from `/proc/self/stat` (Linux; clock ticks
/// of 10 ms). Zero where it cannot be read.
fn cpu_used() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // The fields after the parenthesised name; utime and stime are the 14th and 15th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

async fn measure(endpoint: &str, options: Options) -> Measured {
    let sdk = seed::config(endpoint, "us-east-1").await;
    let calls = CallLog::new();
    let options = Options {
        calls: Some(calls.clone()),
        ..options
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let started = Instant::now();
    // When each unit finished, from the scan's start.
    let drain = tokio::spawn(async move {
        let mut finished = Vec::new();
        while let Some(event) = rx.recv().await {
            if let wellscan_model::Discovery::UnitFinished {
                region, service, ..
            } = event
            {
                finished.push((format!("{service} in {region}"), started.elapsed()));
            }
        }
        finished.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
        finished.truncate(3);
        finished
    });
    let cpu_before = cpu_used();
    let output = wellscan_scanner::scan(&sdk, &options, &tx)
        .await
        .expect("scan");
    let wall = started.elapsed();
    let cpu = cpu_used().saturating_sub(cpu_before);
    drop(tx);
    let last_units = drain.await.unwrap_or_default();
    Measured {
        output,
        wall,
        cpu,
        calls,
        last_units,
    }
}

fn operations(calls: &CallLog) -> u64 {
    calls.operations().values().sum()
}

/// Resets the process's peak resident memory (Linux).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    wellscan_testkit::rerun_without_instance_metadata();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        seventeen_regions().await;
        twenty_thousand_resources().await;
    });
}

/// Waits, when the hour is about to turn, until it has: a scan's metrics window ends on the
/// hour, so GetMetricData asks a new question after it turns, and the measured scans would
/// miss the recording and wait for moto.
async fn same_hour_for(length: Duration) {
    let into_hour = Duration::from_secs(chrono::Utc::now().timestamp().rem_euclid(3600) as u64);
    let left = Duration::from_secs(3600).saturating_sub(into_hour);
    if left < length {
        println!("  waiting {left:.0?} for the hour to turn: the metrics window turns with it");
        tokio::time::sleep(left + Duration::from_secs(1)).await;
    }
}

async fn seventeen_regions() {
    // Seeding, the recording and every measured scan take about three minutes.
    same_hour_for(Duration::from_secs(300)).await;
    let moto = MotoServer::start().expect("moto starts (run `cargo xtask setup` first)");
    let role = seed::global(&moto.endpoint()).await;
    for region in REGIONS {
        seed::region(&moto.endpoint(), region, "bench", &role).await;
    }
    let proxy = LatencyProxy::start(
        &moto.endpoint(),
        ProxyConfig {
            delay: LATENCY,
            record: true,
            ..ProxyConfig::default()
        },
    )
    .await
    .expect("proxy");
    let regions = Some(REGIONS.map(String::from).to_vec());
    // The first scan goes through to moto and leaves the proxy every answer. moto answers one
    // request at a time and builds each region's backends on first use: hundreds of requests
    // at once only queue inside it, the last ones toward the attempt timeout, so this scan
    // asks a few at a time.
    let live = measure(
        &proxy.endpoint(),
        Options {
            regions: regions.clone(),
            concurrency: RECORDING_CONCURRENCY,
            ..Options::default()
        },
    )
    .await;
    println!(
        "17 regions, {} resources, {LATENCY:?} added per request",
        live.output.inventory.resources.len()
    );
    println!(
        "  first scan (--concurrency {RECORDING_CONCURRENCY}), every call answered by moto: {:.2?}",
        live.wall
    );
    assert!(
        live.output.inventory.coverage_gaps.is_empty(),
        "the recorded scan saw everything: {:#?}",
        live.output.inventory.coverage_gaps
    );
    proxy.replay();

    let serial = measure(
        &proxy.endpoint(),
        Options {
            regions: regions.clone(),
            concurrency: 1,
            ..Options::default()
        },
    )
    .await;
    let default_concurrency = Options::default().concurrency;
    let mut default = None;
    println!(
        "  --concurrency 1:   {:>8.2?}  {} calls",
        serial.wall,
        operations(&serial.calls)
    );
    for concurrency in [32, 64, 128, 256, 512] {
        let run = measure(
            &proxy.endpoint(),
            Options {
                regions: regions.clone(),
                concurrency,
                ..Options::default()
            },
        )
        .await;
        let critical = LATENCY * run.output.critical_path_calls;
        println!(
            "  --concurrency {concurrency:<3} {:>8.2?}  {} calls, {} requests; critical path {critical:.2?} ({} dependent calls); \
             {:.2}× the critical path, {:.1}× faster than --concurrency 1; CPU {:.2?} ({:.0}% of one core){}",
            run.wall,
            operations(&run.calls),
            run.calls.attempts(),
            run.output.critical_path_calls,
            run.wall.as_secs_f64() / critical.as_secs_f64(),
            serial.wall.as_secs_f64() / run.wall.as_secs_f64(),
            run.cpu,
            run.cpu.as_secs_f64() / run.wall.as_secs_f64() * 100.0,
            if concurrency == default_concurrency {
                "  (default)"
            } else {
                ""
            },
        );
        assert_eq!(
            run.output.inventory.resources.len(),
            serial.output.inventory.resources.len(),
            "every scan sees the same account"
        );
        if concurrency == default_concurrency {
            let last: Vec<String> = run
                .last_units
                .iter()
                .map(|(unit, at)| format!("{unit} at {at:.0?}"))
                .collect();
            println!("    last units to finish: {}", last.join(", "));
            default = Some(run);
        }
    }
    println!(
        "  {} of {} requests answered from the recording, {} not recorded went to moto; {} connections opened",
        proxy.replayed(),
        proxy.requests(),
        proxy.missed(),
        proxy.connections()
    );
    assert_eq!(
        proxy.missed(),
        0,
        "every measured scan was answered from the recording"
    );
    println!(
        "  targets for the default: ≤ 1.5× the critical path, ≥ 10× faster than --concurrency 1"
    );
    // The same default scan straight at moto, without added latency: what the emulator itself
    // takes to answer every call, the floor under any figure above.
    let direct = measure(
        &moto.endpoint(),
        Options {
            regions: regions.clone(),
            ..Options::default()
        },
    )
    .await;
    println!(
        "  no added latency:  {:>8.2?}  {} calls ({:.0} calls/s: the emulator's own pace)",
        direct.wall,
        operations(&direct.calls),
        operations(&direct.calls) as f64 / direct.wall.as_secs_f64()
    );
    if let Some(run) = default {
        println!(
            "  peak requests in flight through the proxy: {}",
            proxy.peak_in_flight()
        );
        drop(run);
    }
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
    let before = wellscan_testkit::peak_rss_mib();
    // moto needs seconds to render a page of 1,000 instances: give it room.
    let patient = Options {
        regions: Some(vec!["us-east-1".into()]),
        attempt_timeout: Duration::from_secs(120),
        operation_timeout: Duration::from_secs(300),
        ..Options::default()
    };
    let big = measure(&proxy.endpoint(), patient).await;
    let peak = wellscan_testkit::peak_rss_mib();
    println!(
        "one region, {} resources, {LATENCY:?} added per request",
        big.output.inventory.resources.len()
    );
    println!(
        "  wall {:.2?}, {} calls, {} requests, {} coverage gaps, peak memory {peak:.0} MiB (was {before:.0} MiB before the scan)",
        big.wall,
        operations(&big.calls),
        big.calls.attempts(),
        big.output.inventory.coverage_gaps.len(),
    );
}
