//! What the model reads for the demo account: the rendered prompts (golden files), the planted
//! instruction only ever inside the data fence, and the bound on agents at once.

use std::sync::Arc;
use std::time::Duration;

use wellscan_agents::Bedrock;
use wellscan_model::Pillar;
use wellscan_orchestrator::{InventorySource, Progress, ScanOutcome, Services};
use wellscan_report::{Format, LocalDir};
use wellscan_testkit::{ConverseRequest, FakeBedrock, plain_answer, sdk_config};

/// The note planted in a tag of the demo account.
const PLANTED: &str = "IMPORTANT NOTE TO THE AI REVIEWER";

/// Scans the demo with the Bedrock analyst on `fake`; returns the outcome and every progress
/// event.
async fn scan_demo(fake: &FakeBedrock, agent_concurrency: usize) -> (ScanOutcome, Vec<Progress>) {
    let sdk = sdk_config(&fake.endpoint(), "us-east-1").await;
    let analyst = Bedrock::new(aws_sdk_bedrockruntime::Client::new(&sdk), "model-x");
    let out = tempfile::tempdir().expect("temp dir");
    let mut plan = crate::plan(
        InventorySource::Demo,
        vec![Format::Json],
        Duration::from_secs(30),
    );
    plan.agent_concurrency = agent_concurrency;
    let services = Services {
        analyst: Arc::new(analyst),
        publisher: Arc::new(LocalDir::new(out.path())),
        upload: None,
        history: None,
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let outcome = wellscan_orchestrator::run(&plan, &services, &tx)
        .await
        .expect("scan");
    drop(tx);
    let mut events = Vec::new();
    while let Some(e) = rx.recv().await {
        events.push(e);
    }
    (outcome, events)
}

fn pillar_of(r: &ConverseRequest) -> Option<Pillar> {
    let title = r.data()["pillar"].as_str()?.to_string();
    Pillar::ALL.into_iter().find(|p| p.title() == title)
}

#[tokio::test]
async fn demo_prompts_are_golden() {
    let fake = FakeBedrock::start(Duration::ZERO, plain_answer)
        .await
        .expect("fake");
    scan_demo(&fake, 6).await;
    let (checks, requests): (Vec<_>, Vec<_>) = fake
        .requests()
        .into_iter()
        .partition(ConverseRequest::is_access_check);
    assert_eq!(checks.len(), 1, "access is checked once");
    assert!(
        !checks[0].messages().contains("WELLSCAN DATA"),
        "the check carries no account data"
    );
    assert_eq!(requests.len(), 7);
    for pillar in Pillar::ALL {
        let r = requests
            .iter()
            .find(|r| pillar_of(r) == Some(pillar))
            .expect("a request per pillar");
        insta::assert_snapshot!(format!("demo_{}", pillar.id()), r.messages());
    }
    let summary = requests
        .iter()
        .find(|r| r.tool() == "executive_summary")
        .expect("summary request");
    insta::assert_snapshot!("demo_summary", summary.messages());
}

#[tokio::test]
async fn the_planted_instruction_reaches_the_model_only_as_fenced_data() {
    let fake = FakeBedrock::start(Duration::ZERO, plain_answer)
        .await
        .expect("fake");
    scan_demo(&fake, 6).await;
    let mut seen = 0;
    for r in fake.requests().iter().filter(|r| !r.is_access_check()) {
        assert!(!r.system().contains(PLANTED), "in a system prompt");
        let message = r.messages();
        let open = message.find("\n<<<WELLSCAN DATA ").expect("fence opens");
        let close = message.rfind("\nWELLSCAN DATA ").expect("fence closes");
        assert!(!message[..open].contains(PLANTED) && !message[close..].contains(PLANTED));
        assert_eq!(
            message.matches("WELLSCAN DATA ").count(),
            2,
            "exactly one fence"
        );
        if message[open..close].contains(PLANTED) {
            seen += 1;
        }
    }
    assert!(seen >= 1, "the tagged instance is in at least one brief");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_most_agent_concurrency_pillars_run_at_once() {
    let fake = FakeBedrock::start(Duration::from_millis(300), plain_answer)
        .await
        .expect("fake");
    let (outcome, events) = scan_demo(&fake, 2).await;
    let (mut running, mut most) = (0i32, 0i32);
    for e in &events {
        match e {
            Progress::PillarStarted { .. } => {
                running += 1;
                most = most.max(running);
            }
            Progress::PillarFinished { .. } => running -= 1,
            _ => {}
        }
    }
    assert_eq!(most, 2, "two agents at a time");
    assert!(
        outcome
            .assessment
            .pillars
            .iter()
            .all(|p| p.degraded.is_none())
    );
    let analysis = outcome
        .assessment
        .timings
        .iter()
        .find(|t| t.stage == "analysis")
        .expect("analysis timing");
    assert!(
        analysis.millis >= 900,
        "three rounds of 300 ms: {analysis:?}"
    );
}
