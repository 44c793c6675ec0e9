//! Rendering every format for a large account: 10,000 findings over 50,000 resources.
//!
//! `cargo bench -p wellscan-e2e --bench reports`
//!
//! Prints the time and size of each format, the PDF's page count, and the process's peak
//! memory (targets: all four together under 5 s and 500 MB).

use std::time::Instant;

use wellscan_model::Assessment;
use wellscan_report::Format;

const RESOURCES: usize = 50_000;
const FINDINGS: usize = 10_000;

fn main() {
    let (inventory, copies) = wellscan_testkit::scaled_demo(RESOURCES);
    // The demo's assessment, grown to the large account's findings and checks.
    let checked = wellscan_checks::run(
        &inventory,
        &wellscan_checks::Config::default(),
        wellscan_checks::PriceTable::embedded(),
    );
    let mut assessment = demo_assessment();
    assessment.findings = checked.findings.into_iter().take(FINDINGS).collect();
    assessment.checks = checked.summaries;
    assessment.scan.resources = inventory.resources.len();
    println!(
        "Reports for {} resources ({copies} copies of the demo) and {} findings",
        inventory.resources.len(),
        assessment.findings.len()
    );
    let mut total = 0.0;
    for format in Format::ALL {
        let started = Instant::now();
        let file = wellscan_report::render(format, &assessment, &inventory, &Default::default())
            .expect("render");
        let seconds = started.elapsed().as_secs_f64();
        total += seconds;
        let pages = match format {
            Format::Pdf => format!("  {} pages", pdf_pages(&file.bytes)),
            _ => String::new(),
        };
        println!(
            "  {format:<5} {seconds:>6.2} s  {:>8.1} MiB{pages}",
            file.bytes.len() as f64 / 1_048_576.0
        );
    }
    println!(
        "  all formats {total:.2} s (target < 5 s); peak memory {:.0} MiB (target < 500 MiB)",
        wellscan_testkit::peak_rss_mib()
    );
}

/// The number of pages, as a PDF reader counts them.
fn pdf_pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .map(|d| d.get_pages().len())
        .unwrap_or(0)
}

/// The demo account's assessment from the offline analyst.
fn demo_assessment() -> Assessment {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = wellscan_orchestrator::ScanPlan {
        scan_id: "20261122T000000Z-bench1".into(),
        source: wellscan_orchestrator::InventorySource::Demo,
        regions: None,
        checks: wellscan_checks::Config::default(),
        prices: std::sync::Arc::new(wellscan_checks::PriceTable::embedded().clone()),
        formats: vec![Format::Json],
        render: Default::default(),
        analyst_timeout: std::time::Duration::from_secs(30),
        agent_concurrency: wellscan_orchestrator::DEFAULT_AGENT_CONCURRENCY,
        brief_tokens: wellscan_agents::DEFAULT_BRIEF_TOKENS,
    };
    let services = wellscan_orchestrator::Services {
        analyst: std::sync::Arc::new(wellscan_agents::Offline),
        publisher: std::sync::Arc::new(wellscan_report::LocalDir::new(dir.path())),
        upload: None,
        history: None,
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    runtime
        .block_on(wellscan_orchestrator::run(&plan, &services, &tx))
        .expect("scan")
        .assessment
}
