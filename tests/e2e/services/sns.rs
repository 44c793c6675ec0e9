//! SNS: an unencrypted topic anyone may publish to, with a plain-HTTP subscription, and a topic
//! nobody subscribes to, beside an encrypted topic with an HTTPS subscriber.

use super::{Account, Proof, public_policy};

const PROOF: Proof = Proof {
    units: &["sns"],
    cases: &[
        (
            "sns.topic_unencrypted",
            "us-east-1/plain-topic",
            Some("us-east-1/good-topic"),
        ),
        (
            "sns.topic_public",
            "us-east-1/plain-topic",
            Some("us-east-1/good-topic"),
        ),
        (
            "sns.http_subscription",
            "us-east-1/plain-topic",
            Some("us-east-1/good-topic"),
        ),
        (
            "sns.topic_without_subscriptions",
            "us-east-1/silent-topic",
            Some("us-east-1/good-topic"),
        ),
    ],
    actions: &[
        "sns:GetTopicAttributes",
        "sns:ListSubscriptionsByTopic",
        "sns:ListTagsForResource",
        "sns:ListTopics",
    ],
};

async fn seed(account: &Account) {
    let sns = aws_sdk_sns::Client::new(&account.east);
    let topic = |name: &str, key: Option<&str>| {
        let mut create = sns.create_topic().name(name);
        if let Some(key) = key {
            create = create.attributes("KmsMasterKeyId", key);
        }
        create.send()
    };
    let good = topic("good-topic", Some("alias/aws/sns"))
        .await
        .expect("good topic")
        .topic_arn
        .expect("arn");
    let plain = topic("plain-topic", None)
        .await
        .expect("plain topic")
        .topic_arn
        .expect("arn");
    topic("silent-topic", Some("alias/aws/sns"))
        .await
        .expect("silent topic");
    sns.set_topic_attributes()
        .topic_arn(&plain)
        .attribute_name("Policy")
        .attribute_value(public_policy("sns", &plain))
        .send()
        .await
        .expect("public topic");
    for (arn, protocol, endpoint) in [
        (&good, "https", "https://hooks.example.com/orders"),
        (&plain, "http", "http://hooks.example.com/orders"),
    ] {
        sns.subscribe()
            .topic_arn(arn)
            .protocol(protocol)
            .endpoint(endpoint)
            .send()
            .await
            .expect("subscribe");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sns() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
