//! SQS: a queue without encryption or a dead-letter queue, and one anyone may use, beside a
//! queue with both and a private policy.

use super::{Account, Proof, public_policy};

const PROOF: Proof = Proof {
    units: &["sqs"],
    cases: &[
        (
            "sqs.queue_unencrypted",
            "us-east-1/plain-queue",
            Some("us-east-1/good-queue"),
        ),
        (
            "sqs.queue_without_dlq",
            "us-east-1/plain-queue",
            Some("us-east-1/good-queue"),
        ),
        (
            "sqs.queue_public",
            "us-east-1/public-queue",
            Some("us-east-1/good-queue"),
        ),
    ],
    actions: &[
        "sqs:GetQueueAttributes",
        "sqs:ListQueueTags",
        "sqs:ListQueues",
    ],
};

async fn seed(account: &Account) {
    use aws_sdk_sqs::types::QueueAttributeName as Q;
    let sqs = aws_sdk_sqs::Client::new(&account.east);
    let url = |name: &str, attributes: Vec<(Q, String)>| {
        let mut create = sqs.create_queue().queue_name(name);
        for (k, v) in attributes {
            create = create.attributes(k, v);
        }
        create.send()
    };
    url("good-dlq", vec![(Q::SqsManagedSseEnabled, "true".into())])
        .await
        .expect("dlq");
    let dlq = "arn:aws:sqs:us-east-1:123456789012:good-dlq";
    let redrive = format!(r#"{{"deadLetterTargetArn":"{dlq}","maxReceiveCount":"5"}}"#);
    url(
        "good-queue",
        vec![
            (Q::SqsManagedSseEnabled, "true".into()),
            (Q::RedrivePolicy, redrive.clone()),
        ],
    )
    .await
    .expect("good queue");
    url(
        "plain-queue",
        vec![(Q::SqsManagedSseEnabled, "false".into())],
    )
    .await
    .expect("plain queue");
    let public_arn = "arn:aws:sqs:us-east-1:123456789012:public-queue";
    url(
        "public-queue",
        vec![
            (Q::SqsManagedSseEnabled, "true".into()),
            (Q::RedrivePolicy, redrive),
            (Q::Policy, public_policy("sqs", public_arn)),
        ],
    )
    .await
    .expect("public queue");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqs() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
