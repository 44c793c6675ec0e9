//! The history's speed on each store: writing and reading back a scan of 20,000 findings over
//! 50,000 resources, and `history` over 1,000 scans. SQLite in a temporary folder; DynamoDB on
//! moto through the real SDK client (so its figures are moto's, on loopback, not AWS's).
//!
//! `cargo bench -p wellscan-store --bench history`

use std::time::Instant;

use chrono::{Duration, Utc};
use wellscan_model::{
    Pillar, PillarScore, ResourceKey, ScanRecord, ScanStatus, Severity, StoredFinding,
};
use wellscan_store::{DynamoStore, ScanStore, SqliteStore};

const FINDINGS: usize = 20_000;
const RESOURCES: usize = 50_000;
const SCANS: usize = 1_000;

fn findings() -> Vec<StoredFinding> {
    (0..FINDINGS)
        .map(|i| StoredFinding {
            resource_kind: String::new(),
            check_id: format!("check.{}", i % 65),
            resource_id: format!("i-{:017x}", i * 7 % RESOURCES),
            region: ["eu-west-1", "us-east-1", "ap-northeast-1"][i % 3].into(),
            pillar: Pillar::ALL[i % 6],
            severity: Severity::ALL[i % 5],
            title: "Security group allows SSH from anywhere".into(),
            resource_name: format!("web-prod-{i}"),
            monthly_savings_usd: (i % 4 == 0).then_some(12.5),
        })
        .collect()
}

fn record(id: &str, minutes: i64, findings: usize) -> ScanRecord {
    let started = Utc::now() - Duration::minutes(minutes);
    let mut r = ScanRecord::running(id, "123456789012", started);
    r.finished_at = Some(started + Duration::seconds(40));
    r.status = ScanStatus::Succeeded;
    r.overall_score = Some(66);
    r.pillars = Pillar::ALL
        .iter()
        .map(|&pillar| PillarScore { pillar, score: 60 })
        .collect();
    r.findings = findings;
    r.reports = vec!["s3://audit-reports/wellscan/123456789012/report.pdf".into()];
    r
}

#[tokio::main]
async fn main() {
    wellscan_testkit::rerun_without_instance_metadata();
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = SqliteStore::open(&dir.path().join("history.db")).expect("open");
    measure(&sqlite, "SQLite").await;
    let size = std::fs::metadata(sqlite.path())
        .map(|m| m.len())
        .unwrap_or(0);
    println!("  database file {:.1} MiB", size as f64 / 1_048_576.0);

    let moto = wellscan_testkit::MotoServer::start().expect("moto starts");
    let sdk = wellscan_testkit::sdk_config(&moto.endpoint(), "eu-west-1").await;
    let dynamo = DynamoStore::new(aws_sdk_dynamodb::Client::new(&sdk), "wellscan-history");
    dynamo.create_table().await.expect("table");
    measure(&dynamo, "DynamoDB (moto on loopback)").await;
}

async fn measure(store: &dyn ScanStore, name: &str) {
    let f = findings();
    let resources: Vec<ResourceKey> = (0..RESOURCES)
        .map(|i| ResourceKey {
            kind: String::new(),
            resource_id: format!("i-{i:017x}"),
            region: ["eu-west-1", "us-east-1", "ap-northeast-1"][i % 3].into(),
        })
        .collect();

    let big = record("big", 0, FINDINGS);
    let started = Instant::now();
    store
        .begin(&ScanRecord::running("big", "123456789012", big.started_at))
        .await
        .expect("begin");
    store
        .complete(&big, &f, &resources)
        .await
        .expect("complete");
    let write = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let back = store.findings("big").await.expect("findings");
    let seen = store.resources("big").await.expect("resources");
    let read = started.elapsed().as_secs_f64();
    assert_eq!((back.len(), seen.len()), (FINDINGS, RESOURCES));

    for i in 0..SCANS {
        let id = format!("scan-{i:04}");
        let r = record(&id, i as i64 + 1, 600);
        store
            .begin(&ScanRecord::running(&id, "123456789012", r.started_at))
            .await
            .expect("begin");
        store.complete(&r, &[], &[]).await.expect("complete");
    }
    let started = Instant::now();
    let all = store
        .list(Some("123456789012"), SCANS + 1)
        .await
        .expect("list");
    let list_all = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let page = store.list(None, 20).await.expect("list");
    let list_page = started.elapsed().as_secs_f64();
    assert_eq!((all.len(), page.len()), (SCANS + 1, 20));

    println!("{name}");
    println!("  write a scan of {FINDINGS} findings over {RESOURCES} resources   {write:>7.3} s");
    println!("  read it back                                              {read:>7.3} s");
    println!(
        "  history over {} scans (all of them)                       {list_all:>7.3} s",
        SCANS + 1
    );
    println!("  history, newest 20                                        {list_page:>7.4} s");
}
