//! The pillar agents against the fake Bedrock at 2 s per call, and the size of what they read.
//!
//! `cargo bench -p wellscan-e2e --bench agents`
//!
//! 1. The demo account with `--ai bedrock`: the analysis and summary stages' wall time against
//!    one pillar call plus the summary call made alone (target: within 1.3×).
//! 2. The pillar briefs' estimated tokens for the demo account and for a 20,000-resource account
//!    (the demo copied), against the budget; and the largest request body actually sent.

use std::sync::Arc;
use std::time::{Duration, Instant};

use wellscan_agents::{Analyst, Bedrock, DEFAULT_BRIEF_TOKENS, PillarBrief};
use wellscan_model::{Assessment, Pillar};
use wellscan_orchestrator::{InventorySource, ScanPlan, Services};
use wellscan_report::{Format, LocalDir};
use wellscan_testkit::{FakeBedrock, plain_answer, sdk_config};

const LATENCY: Duration = Duration::from_secs(2);
const TARGET: f64 = 1.3;

fn main() {
    wellscan_testkit::rerun_without_instance_metadata();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(bench());
}

async fn bench() {
    let fake = FakeBedrock::start(LATENCY, plain_answer)
        .await
        .expect("fake bedrock");
    let sdk = sdk_config(&fake.endpoint(), "us-east-1").await;
    let analyst = Arc::new(Bedrock::new(
        aws_sdk_bedrockruntime::Client::new(&sdk),
        "us.anthropic.claude-sonnet-4-20250514-v1:0",
    ));

    // The reference: one pillar call, then the summary call, alone.
    let demo = wellscan_orchestrator::demo_inventory().expect("demo");
    let checked = wellscan_checks::run(
        &demo,
        &wellscan_checks::Config::default(),
        wellscan_checks::PriceTable::embedded(),
    );
    let scores = wellscan_checks::score(&checked.summaries);
    let brief = PillarBrief::build(
        Pillar::Security,
        scores.pillar(Pillar::Security).score,
        &demo,
        &checked.summaries,
        &checked.findings,
        DEFAULT_BRIEF_TOKENS,
    );
    let started = Instant::now();
    let mut usage = wellscan_model::Usage::default();
    let analysis = analyst
        .analyse_pillar(&brief, &mut usage)
        .await
        .expect("one call");
    let one_call = started.elapsed();
    let summary_brief = wellscan_agents::SummaryBrief {
        account_id: demo.account_id.clone(),
        overall_score: scores.overall,
        pillars: vec![wellscan_agents::SummaryPillar {
            pillar: Pillar::Security,
            score: brief.score,
            summary: analysis.summary,
            rating: analysis.rating,
            risks: analysis.risks,
            recommendations: analysis.recommendations,
            high_risk_issues: 0,
        }],
        findings: checked.findings.len(),
        high_risk_issues: 0,
        monthly_savings_usd: 0.0,
        coverage_gaps: 0,
    };
    let started = Instant::now();
    analyst
        .summarise(&summary_brief, &mut usage)
        .await
        .expect("summary call");
    let summary_call = started.elapsed();
    let reference = one_call + summary_call;

    println!("Pillar agents against the fake Bedrock, {LATENCY:?} per call");
    let mut ratios = Vec::new();
    for run in 1..=3 {
        let a = scan(Arc::clone(&analyst), InventorySource::Demo).await;
        let stage = millis(&a, "analysis") + millis(&a, "summary");
        let ratio = stage as f64 / reference.as_millis() as f64;
        ratios.push(ratio);
        let from_model = a.pillars.iter().filter(|p| p.degraded.is_none()).count();
        println!(
            "  demo run {run}: analysis {} ms + summary {} ms = {stage} ms; one call {} ms + summary call {} ms = {} ms; {ratio:.2}× (target ≤ {TARGET}×); {from_model}/6 pillars from the model",
            millis(&a, "analysis"),
            millis(&a, "summary"),
            one_call.as_millis(),
            summary_call.as_millis(),
            reference.as_millis()
        );
    }
    let worst = ratios.iter().copied().fold(0.0, f64::max);
    println!(
        "  worst of three: {worst:.2}× — {}",
        if worst <= TARGET { "met" } else { "MISSED" }
    );

    // Brief sizes: the demo, then 20,000 resources.
    let requests_before = fake.requests().len();
    let demo_a = scan(Arc::clone(&analyst), InventorySource::Demo).await;
    sizes(
        "demo account (474 resources)",
        &demo_a,
        &fake,
        requests_before,
    );

    let (big, copies) = wellscan_testkit::scaled_demo(20_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, serde_json::to_vec(&big).expect("json")).expect("write");
    let requests_before = fake.requests().len();
    let started = Instant::now();
    let big_a = scan(Arc::clone(&analyst), InventorySource::File(path)).await;
    sizes(
        &format!("20,000 resources ({copies} copies of the demo)"),
        &big_a,
        &fake,
        requests_before,
    );
    println!(
        "  whole 20,000-resource scan {:.1} s (analysis {} ms)",
        started.elapsed().as_secs_f64(),
        millis(&big_a, "analysis")
    );
}

async fn scan(analyst: Arc<Bedrock>, source: InventorySource) -> Assessment {
    let out = tempfile::tempdir().expect("temp dir");
    let plan = ScanPlan {
        scan_id: "20261122T000000Z-bench0".into(),
        source,
        regions: None,
        checks: wellscan_checks::Config::default(),
        prices: Arc::new(wellscan_checks::PriceTable::embedded().clone()),
        formats: vec![Format::Json],
        render: Default::default(),
        analyst_timeout: Duration::from_secs(60),
        agent_concurrency: wellscan_orchestrator::DEFAULT_AGENT_CONCURRENCY,
        brief_tokens: DEFAULT_BRIEF_TOKENS,
    };
    let services = Services {
        analyst,
        publisher: Arc::new(LocalDir::new(out.path())),
        upload: None,
        history: None,
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    wellscan_orchestrator::run(&plan, &services, &tx)
        .await
        .expect("scan")
        .assessment
}

fn millis(a: &Assessment, stage: &str) -> u64 {
    a.timings
        .iter()
        .find(|t| t.stage == stage)
        .map_or(0, |t| t.millis)
}

fn sizes(name: &str, a: &Assessment, fake: &FakeBedrock, skip: usize) {
    println!("  briefs for the {name}, budget {DEFAULT_BRIEF_TOKENS} tokens:");
    let mut within = true;
    for p in &a.pillars {
        let b = p.brief;
        within &= b.estimated_tokens <= b.budget_tokens;
        println!(
            "    {:<24} {:>6} tokens  {:>5} findings shown, {:>5} left out; {:>4} resources shown",
            p.pillar.title(),
            b.estimated_tokens,
            b.findings_included,
            b.findings_trimmed,
            b.resources_included
        );
    }
    let largest = fake.requests()[skip..]
        .iter()
        .map(|r| r.system().len() + r.messages().len())
        .max()
        .unwrap_or(0);
    println!(
        "    every brief within budget: {}; largest request (system prompt + message): {} bytes ≈ {} tokens",
        if within { "yes" } else { "NO" },
        largest,
        largest.div_ceil(3)
    );
}
