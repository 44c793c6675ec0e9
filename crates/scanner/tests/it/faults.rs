//! Throttling, server errors and silence: retried, bounded, and never fatal.

use std::time::{Duration, Instant};

use wellscan_model::Inventory;
use wellscan_scanner::{CallLog, Options};
use wellscan_testkit::{Fault, LatencyProxy, MotoServer, ProxyConfig};

use crate::seed;

const REGIONS: [&str; 2] = ["us-east-1", "eu-west-1"];

async fn seeded() -> MotoServer {
    let moto = MotoServer::start().expect("moto starts");
    let role = seed::global(&moto.endpoint()).await;
    for (region, name) in REGIONS.iter().zip(["orders-api", "web-eu"]) {
        seed::region(&moto.endpoint(), region, name, &role).await;
    }
    moto
}

fn options() -> Options {
    Options {
        regions: Some(REGIONS.map(String::from).to_vec()),
        services: crate::seeded_services(),
        initial_backoff: Duration::from_millis(20),
        ..Options::default()
    }
}

async fn scan(endpoint: &str, options: &Options) -> Inventory {
    let sdk = seed::config(endpoint, "us-east-1").await;
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    wellscan_scanner::scan(&sdk, options, &tx)
        .await
        .expect("scan")
        .inventory
}

/// Resources as JSON, for comparing two scans of the same account.
fn resources(inv: &Inventory) -> serde_json::Value {
    serde_json::to_value(&inv.resources).expect("json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_and_server_errors_are_retried_to_the_same_inventory() {
    let moto = seeded().await;
    let clean = scan(&moto.endpoint(), &options()).await;
    assert!(clean.coverage_gaps.is_empty(), "{:#?}", clean.coverage_gaps);

    let proxy = LatencyProxy::start(
        &moto.endpoint(),
        ProxyConfig {
            fault_every: 5,
            fault: Fault::Both,
            ..ProxyConfig::default()
        },
    )
    .await
    .expect("proxy");
    let calls = CallLog::new();
    let faulty = scan(
        &proxy.endpoint(),
        &Options {
            calls: Some(calls.clone()),
            ..options()
        },
    )
    .await;

    assert!(
        proxy.faults() > 10,
        "only {} faults injected",
        proxy.faults()
    );
    let operations: u64 = calls.operations().values().sum();
    assert!(
        calls.attempts() > operations,
        "no retries: {} attempts for {operations} calls",
        calls.attempts()
    );
    assert!(
        faulty.coverage_gaps.is_empty(),
        "{:#?}",
        faulty.coverage_gaps
    );
    assert_eq!(resources(&faulty), resources(&clean));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_that_never_answers_becomes_a_gap_within_the_deadline() {
    let moto = seeded().await;
    let proxy = LatencyProxy::start(
        &moto.endpoint(),
        ProxyConfig {
            hang: Some("rds".into()),
            ..ProxyConfig::default()
        },
    )
    .await
    .expect("proxy");
    let started = Instant::now();
    let inv = scan(
        &proxy.endpoint(),
        &Options {
            deadline: Some(Duration::from_secs(4)),
            ..options()
        },
    )
    .await;
    let elapsed = started.elapsed();

    let rds_gaps: Vec<_> = inv
        .coverage_gaps
        .iter()
        .filter(|g| g.service == "rds")
        .collect();
    assert_eq!(rds_gaps.len(), REGIONS.len(), "{:#?}", inv.coverage_gaps);
    for g in &rds_gaps {
        assert!(g.error.contains("deadline"), "{g:?}");
    }
    assert!(
        inv.coverage_gaps.iter().all(|g| g.service == "rds"),
        "{:#?}",
        inv.coverage_gaps
    );
    assert!(
        inv.resources.iter().any(|r| r.as_ec2_instance().is_some()),
        "the rest was read"
    );
    // The deadline bounds the scan, with a little room for assembling the result.
    assert!(elapsed < Duration::from_secs(8), "took {elapsed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_service_times_out_into_a_gap_without_a_deadline() {
    let moto = seeded().await;
    let proxy = LatencyProxy::start(
        &moto.endpoint(),
        ProxyConfig {
            hang: Some("kms".into()),
            ..ProxyConfig::default()
        },
    )
    .await
    .expect("proxy");
    let inv = scan(
        &proxy.endpoint(),
        &Options {
            // Long enough for moto under load, short enough for a test.
            attempt_timeout: Duration::from_secs(3),
            operation_timeout: Duration::from_secs(7),
            max_attempts: 2,
            ..options()
        },
    )
    .await;
    let kms: Vec<_> = inv
        .coverage_gaps
        .iter()
        .filter(|g| g.service == "kms")
        .collect();
    assert_eq!(kms.len(), REGIONS.len(), "{:#?}", inv.coverage_gaps);
    assert!(
        kms.iter().all(|g| g.error.contains("timed out")),
        "{kms:#?}"
    );
    assert!(
        inv.coverage_gaps.iter().all(|g| g.service == "kms"),
        "{:#?}",
        inv.coverage_gaps
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deadline_also_bounds_the_first_calls() {
    let moto = MotoServer::start().expect("moto starts");
    let proxy = LatencyProxy::start(
        &moto.endpoint(),
        ProxyConfig {
            hang: Some("sts".into()),
            ..ProxyConfig::default()
        },
    )
    .await
    .expect("proxy");
    let sdk = seed::config(&proxy.endpoint(), "us-east-1").await;
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let started = Instant::now();
    let result = wellscan_scanner::scan(
        &sdk,
        &Options {
            deadline: Some(Duration::from_secs(2)),
            ..options()
        },
        &tx,
    )
    .await;
    match result {
        Err(wellscan_scanner::ScanError::Identity(reason)) => {
            assert!(reason.contains("deadline"), "{reason}")
        }
        other => panic!("expected an identity error, got {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_bounds_the_requests_in_flight_across_regions_and_services() {
    let moto = seeded().await;
    let clean = scan(&moto.endpoint(), &options()).await;
    for limit in [1, 3] {
        let proxy = LatencyProxy::start(
            &moto.endpoint(),
            ProxyConfig {
                delay: Duration::from_millis(15),
                ..ProxyConfig::default()
            },
        )
        .await
        .expect("proxy");
        let bounded = scan(
            &proxy.endpoint(),
            &Options {
                concurrency: limit,
                ..options()
            },
        )
        .await;
        assert!(
            proxy.peak_in_flight() <= limit,
            "--concurrency {limit} let {} requests through at once",
            proxy.peak_in_flight()
        );
        assert_eq!(
            resources(&bounded),
            resources(&clean),
            "--concurrency {limit} sees less"
        );
    }
}
