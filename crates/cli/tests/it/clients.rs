//! Every AWS client the binary builds (S3 uploads, the DynamoDB history, Bedrock) follows
//! `--endpoint-url` and `--profile`, and falls back to us-east-1 without a configured region.

use std::time::Duration;

use wellscan_testkit::{FakeBedrock, MotoServer, plain_answer, sdk_config};

use crate::util::wellscan_env;

const MODEL: &str = "anthropic.claude-3-5-haiku-20241022-v1:0";

/// A profile `audit` in eu-central-1 with its own keys, in files of its own.
fn profile_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("config"),
        "[profile audit]\nregion = eu-central-1\n",
    )
    .expect("config");
    std::fs::write(
        dir.path().join("credentials"),
        "[audit]\naws_access_key_id = AKIAPROFILEAUDIT0001\naws_secret_access_key = profile-secret\n",
    )
    .expect("credentials");
    dir
}

#[test]
fn uploads_history_and_bedrock_follow_the_endpoint_and_the_profile() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sdk = sdk_config(&endpoint, "eu-central-1").await;
        s3_client(&sdk)
            .create_bucket()
            .bucket("audit-reports")
            .create_bucket_configuration(
                aws_sdk_s3::types::CreateBucketConfiguration::builder()
                    .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::EuCentral1)
                    .build(),
            )
            .send()
            .await
            .expect("bucket");
    });
    let bedrock = runtime
        .block_on(FakeBedrock::start(Duration::ZERO, plain_answer))
        .expect("fake bedrock");
    let fake = bedrock.endpoint();
    let files = profile_files();
    let config = files.path().join("config").display().to_string();
    let credentials = files.path().join("credentials").display().to_string();
    // Only the profile says where and who: no region or keys in the environment. A service's
    // own endpoint variable wins over --endpoint-url, as in the SDK.
    let env = [
        ("AWS_CONFIG_FILE", Some(config.as_str())),
        ("AWS_SHARED_CREDENTIALS_FILE", Some(credentials.as_str())),
        ("AWS_REGION", None),
        ("AWS_ACCESS_KEY_ID", None),
        ("AWS_SECRET_ACCESS_KEY", None),
        ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", Some(fake.as_str())),
    ];
    let run = wellscan_env(
        &[
            "scan",
            "--regions",
            "eu-central-1",
            "--format",
            "json",
            "--out",
            "{tmp}/r",
            "--profile",
            "audit",
            "--endpoint-url",
            &endpoint,
            "--s3",
            "s3://audit-reports/wellscan/",
            "--store",
            "dynamodb://audit-history",
            "--create-table",
            "--ai",
            "bedrock",
            "--model",
            MODEL,
        ],
        &env,
    );
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("created the history table audit-history"),
        "{}",
        run.stderr
    );
    runtime.block_on(async {
        let sdk = sdk_config(&endpoint, "eu-central-1").await;
        let tables = aws_sdk_dynamodb::Client::new(&sdk)
            .list_tables()
            .send()
            .await
            .expect("tables");
        assert_eq!(
            tables.table_names(),
            ["audit-history"],
            "in the profile's region"
        );
        let listed = s3_client(&sdk)
            .list_objects_v2()
            .bucket("audit-reports")
            .send()
            .await
            .expect("objects");
        assert!(
            listed
                .contents()
                .iter()
                .any(|o| o.key().is_some_and(|k| k.ends_with("assessment.json"))),
            "uploaded through --endpoint-url"
        );
    });
    let requests = bedrock.requests();
    assert_eq!(
        requests.len(),
        8,
        "the access check, six pillars and the summary"
    );
    assert!(
        requests
            .iter()
            .all(|r| r.signing_region.as_deref() == Some("eu-central-1")),
        "signed for the profile's region"
    );
}

fn s3_client(sdk: &aws_config::SdkConfig) -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(sdk)
            .force_path_style(true)
            .build(),
    )
}

#[test]
fn without_a_configured_region_every_client_uses_us_east_1() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let run = wellscan_env(
        &[
            "scan",
            "--regions",
            "us-east-1",
            "--format",
            "json",
            "--out",
            "{tmp}/r",
            "--endpoint-url",
            &endpoint,
            "--store",
            "dynamodb://fallback-history",
            "--create-table",
        ],
        &[("AWS_REGION", None)],
    );
    run.assert_code(0);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let tables = aws_sdk_dynamodb::Client::new(&sdk_config(&endpoint, "us-east-1").await)
            .list_tables()
            .send()
            .await
            .expect("tables");
        assert_eq!(tables.table_names(), ["fallback-history"]);
    });
}
