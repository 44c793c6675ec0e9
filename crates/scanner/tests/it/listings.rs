//! Listings that do not stop early: every page of what the account holds is read.

use wellscan_model::ResourceKind;
use wellscan_scanner::Options;
use wellscan_testkit::MotoServer;

use crate::{fast, scan, seed};

/// SQS answers ListQueues without MaxResults with the first 1,000 queues and no NextToken.
const QUEUES: usize = 1_005;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_queue_is_read_past_the_first_thousand() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let sqs = aws_sdk_sqs::Client::new(&seed::config(&endpoint, "eu-west-1").await);
    for i in 0..QUEUES {
        sqs.create_queue()
            .queue_name(format!("orders-{i:04}"))
            .send()
            .await
            .expect("create queue");
    }
    let output = scan(
        &endpoint,
        Options {
            regions: Some(vec!["eu-west-1".into()]),
            services: Some(vec!["sqs".into()]),
            ..fast()
        },
    )
    .await;
    let inventory = output.inventory;
    assert!(
        inventory.coverage_gaps.is_empty(),
        "{:?}",
        inventory.coverage_gaps
    );
    let queues = crate::ids(&inventory, ResourceKind::SqsQueue, "eu-west-1");
    assert_eq!(queues.len(), QUEUES);
    assert!(queues.contains("orders-1004"));
}
