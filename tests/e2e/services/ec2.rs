//! EC2 instances: a production instance on basic monitoring, IMDSv1 and a previous-generation
//! family beside one on detailed monitoring, IMDSv2 only and a current family.
//!
//! Left to the fixture tests: idle, overprovisioned and busy instances (two weeks of metrics),
//! and stopped instances' volumes.

use aws_sdk_ec2::types::{
    HttpTokensState, InstanceMetadataOptionsRequest, InstanceType, ResourceType,
    RunInstancesMonitoringEnabled, Tag, TagSpecification,
};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["ec2"],
    cases: &[
        (
            "ec2.detailed_monitoring_off",
            "us-east-1/basic-prod",
            Some("us-east-1/detailed-prod"),
        ),
        (
            "ec2.imdsv1_allowed",
            "us-east-1/basic-prod",
            Some("us-east-1/detailed-prod"),
        ),
        (
            "ec2.previous_generation_instance",
            "us-east-1/basic-prod",
            Some("us-east-1/detailed-prod"),
        ),
    ],
    actions: &["cloudwatch:GetMetricData", "ec2:DescribeInstances"],
};

async fn seed(account: &Account) {
    let ec2 = aws_sdk_ec2::Client::new(&account.east);
    for (name, kind, detailed, tokens) in [
        (
            "basic-prod",
            InstanceType::M4Large,
            false,
            HttpTokensState::Optional,
        ),
        (
            "detailed-prod",
            InstanceType::M5Large,
            true,
            HttpTokensState::Required,
        ),
    ] {
        let tag = |k: &str, v: &str| Tag::builder().key(k).value(v).build();
        ec2.run_instances()
            .image_id(wellscan_testkit::TEST_AMI)
            .instance_type(kind)
            .min_count(1)
            .max_count(1)
            .monitoring(
                RunInstancesMonitoringEnabled::builder()
                    .enabled(detailed)
                    .build(),
            )
            .metadata_options(
                InstanceMetadataOptionsRequest::builder()
                    .http_tokens(tokens)
                    .build(),
            )
            .tag_specifications(
                TagSpecification::builder()
                    .resource_type(ResourceType::Instance)
                    .tags(tag("Name", name))
                    .tags(tag("Environment", "production"))
                    .build(),
            )
            .send()
            .await
            .expect("run");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ec2() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
