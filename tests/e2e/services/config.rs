//! AWS Config: a recorder delivering to a bucket in us-east-1, none in us-west-2.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["config"],
    cases: &[(
        "config.recorder_off",
        "us-west-2/config",
        Some("us-east-1/default"),
    )],
    actions: &[
        "config:DescribeConfigurationRecorderStatus",
        "config:DescribeConfigurationRecorders",
    ],
};

async fn seed(account: &Account) {
    let east = &account.east;
    let s3 = aws_sdk_s3::Client::new(east);
    s3.create_bucket()
        .bucket("config-history")
        .send()
        .await
        .expect("config bucket");
    let config = aws_sdk_config::Client::new(east);
    config
        .put_configuration_recorder()
        .configuration_recorder(
            aws_sdk_config::types::ConfigurationRecorder::builder()
                .name("default")
                .role_arn("arn:aws:iam::123456789012:role/config")
                .recording_group(
                    aws_sdk_config::types::RecordingGroup::builder()
                        .all_supported(true)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("recorder");
    config
        .put_delivery_channel()
        .delivery_channel(
            aws_sdk_config::types::DeliveryChannel::builder()
                .name("default")
                .s3_bucket_name("config-history")
                .build(),
        )
        .send()
        .await
        .expect("delivery channel");
    config
        .start_configuration_recorder()
        .configuration_recorder_name("default")
        .send()
        .await
        .expect("start recorder");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
