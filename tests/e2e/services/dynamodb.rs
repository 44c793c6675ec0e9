//! DynamoDB: a table without point-in-time recovery beside one with it.
//!
//! Left to the fixture tests: provisioned tables idle by their consumed-capacity metrics.

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, PointInTimeRecoverySpecification,
    ScalarAttributeType, Tag,
};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["dynamodb"],
    cases: &[(
        "dynamodb.pitr_off",
        "us-east-1/orders",
        Some("us-east-1/ledger"),
    )],
    actions: &[
        "cloudwatch:GetMetricData",
        "dynamodb:DescribeContinuousBackups",
        "dynamodb:DescribeTable",
        "dynamodb:ListTables",
        "dynamodb:ListTagsOfResource",
    ],
};

/// A pay-per-request table keyed by `id`, with one tag when given.
pub async fn table(sdk: &aws_config::SdkConfig, name: &str, tag: Option<(&str, &str)>) {
    let tags =
        tag.map(|(key, value)| vec![Tag::builder().key(key).value(value).build().expect("tag")]);
    aws_sdk_dynamodb::Client::new(sdk)
        .create_table()
        .set_tags(tags)
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("id")
                .key_type(KeyType::Hash)
                .build()
                .expect("key"),
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("id")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .expect("attribute"),
        )
        .send()
        .await
        .expect("table");
}

async fn seed(account: &Account) {
    table(&account.east, "orders", None).await;
    table(&account.east, "ledger", None).await;
    aws_sdk_dynamodb::Client::new(&account.east)
        .update_continuous_backups()
        .table_name("ledger")
        .point_in_time_recovery_specification(
            PointInTimeRecoverySpecification::builder()
                .point_in_time_recovery_enabled(true)
                .build()
                .expect("pitr"),
        )
        .send()
        .await
        .expect("point-in-time recovery");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dynamodb() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
