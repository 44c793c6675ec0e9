//! The six pillar agents on Bedrock run at once: with 2 s per model call the analysis stage
//! takes about one call, not six.

use std::sync::Arc;
use std::time::{Duration, Instant};

use wellscan_agents::Bedrock;
use wellscan_orchestrator::{InventorySource, Progress, Services, Stage};
use wellscan_report::{Format, LocalDir};
use wellscan_testkit::{FakeBedrock, plain_answer, sdk_config};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_pillars_at_two_seconds_each_take_one_call_not_six() {
    let fake = FakeBedrock::start(Duration::from_secs(2), plain_answer)
        .await
        .expect("fake");
    let sdk = sdk_config(&fake.endpoint(), "us-east-1").await;
    let analyst = Bedrock::new(aws_sdk_bedrockruntime::Client::new(&sdk), "model-x");
    let out = tempfile::tempdir().expect("temp dir");
    let plan = crate::plan(
        InventorySource::Demo,
        vec![Format::Json],
        Duration::from_secs(30),
    );
    let services = Services {
        analyst: Arc::new(analyst),
        publisher: Arc::new(LocalDir::new(out.path())),
        upload: None,
        history: None,
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let watch = tokio::spawn(async move {
        let (mut started, mut last_pillar) = (None, None);
        while let Some(p) = rx.recv().await {
            match p {
                Progress::StageStarted(Stage::Analysis) => started = Some(Instant::now()),
                Progress::PillarFinished { .. } => last_pillar = Some(Instant::now()),
                _ => {}
            }
        }
        started.zip(last_pillar).map(|(s, e)| e - s)
    });
    let outcome = wellscan_orchestrator::run(&plan, &services, &tx)
        .await
        .expect("scan");
    drop(tx);
    let stage = watch.await.expect("watch").expect("analysis stage seen");
    assert!(
        outcome
            .assessment
            .pillars
            .iter()
            .all(|p| p.degraded.is_none()),
        "every pillar from the model"
    );
    // The access check (before the analysis stage), six pillars and the summary.
    assert_eq!(fake.requests().len(), 8);
    assert!(
        stage < Duration::from_millis(3500),
        "six 2 s calls took {stage:?}: not in parallel"
    );
}
