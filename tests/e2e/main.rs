//! End-to-end: the demo account through every stage, as the CLI wires it.

mod analysts;
mod assessment_json;
mod bedrock;
mod demo;
mod history;
mod html;
mod image;
mod infra;
mod ocsf;
mod pdf;
mod prompts;
mod services;
mod since;
mod unknown;
mod xlsx;

use std::sync::Arc;
use std::time::Duration;

use wellscan_agents::{Analyst, Offline};
use wellscan_orchestrator::{InventorySource, ScanOutcome, ScanPlan, Services};
use wellscan_report::{Format, LocalDir};

/// The plan the CLI would make for `source`, with the default agent settings.
pub fn plan(source: InventorySource, formats: Vec<Format>, timeout: Duration) -> ScanPlan {
    ScanPlan {
        scan_id: "20261122T000000Z-e2e000".into(),
        source,
        regions: None,
        checks: wellscan_checks::Config::default(),
        prices: Arc::new(wellscan_checks::PriceTable::embedded().clone()),
        formats,
        render: Default::default(),
        analyst_timeout: timeout,
        agent_concurrency: wellscan_orchestrator::DEFAULT_AGENT_CONCURRENCY,
        brief_tokens: wellscan_agents::DEFAULT_BRIEF_TOKENS,
    }
}

/// Runs a scan of `source` with `analyst`, writing HTML and JSON into a new temp folder.
pub async fn scan(
    source: InventorySource,
    analyst: Arc<dyn Analyst>,
    timeout: Duration,
) -> (tempfile::TempDir, ScanOutcome) {
    scan_formats(source, analyst, timeout, vec![Format::Html, Format::Json]).await
}

/// [`scan`], writing `formats`.
pub async fn scan_formats(
    source: InventorySource,
    analyst: Arc<dyn Analyst>,
    timeout: Duration,
    formats: Vec<Format>,
) -> (tempfile::TempDir, ScanOutcome) {
    let out = tempfile::tempdir().expect("temp dir");
    let plan = plan(source, formats, timeout);
    let services = Services {
        analyst,
        publisher: Arc::new(LocalDir::new(out.path())),
        upload: None,
        history: None,
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let outcome = wellscan_orchestrator::run(&plan, &services, &tx)
        .await
        .expect("scan succeeds");
    (out, outcome)
}

pub async fn demo_scan() -> (tempfile::TempDir, ScanOutcome) {
    scan(
        InventorySource::Demo,
        Arc::new(Offline),
        Duration::from_secs(30),
    )
    .await
}

/// A `Name` tag that tries to be markup.
pub const HOSTILE_NAME: &str = "<script>alert(1)</script>";

/// The demo account with every EC2 instance named [`HOSTILE_NAME`], scanned.
pub async fn hostile_scan() -> (tempfile::TempDir, ScanOutcome) {
    let mut inventory = wellscan_orchestrator::demo_inventory().expect("demo");
    for r in &mut inventory.resources {
        if let wellscan_model::Resource::Ec2Instance(i) = r {
            i.tags.insert("Name".into(), HOSTILE_NAME.into());
        }
    }
    scan_inventory(&inventory, vec![Format::Html, Format::Json]).await
}

/// `inventory`, scanned from a file with the offline analyst, writing `formats`.
pub async fn scan_inventory(
    inventory: &wellscan_model::Inventory,
    formats: Vec<Format>,
) -> (tempfile::TempDir, ScanOutcome) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, serde_json::to_string(inventory).expect("json")).expect("write");
    scan_formats(
        InventorySource::File(path),
        Arc::new(Offline),
        Duration::from_secs(30),
        formats,
    )
    .await
}
