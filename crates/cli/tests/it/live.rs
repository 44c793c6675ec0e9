//! Live scans through the binary, against moto.

use aws_sdk_ec2::types::{IpPermission, IpRange, VolumeType};
use std::time::Duration;

use wellscan_testkit::{FakeBedrock, MotoServer, plain_answer, sdk_config};

use crate::util::{wellscan, wellscan_env};

/// SSH open to the whole internet.
pub fn ssh_from_anywhere() -> IpPermission {
    IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(22)
        .to_port(22)
        .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
        .build()
}

/// An account with an SSH-open security group on a running instance and a detached volume.
pub fn seeded_moto() -> MotoServer {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let ec2 = aws_sdk_ec2::Client::new(&sdk_config(&endpoint, "us-east-1").await);
        let ami = wellscan_testkit::TEST_AMI;
        let sg = ec2
            .create_security_group()
            .group_name("bastion")
            .description("ssh")
            .send()
            .await
            .expect("sg")
            .group_id()
            .expect("id")
            .to_string();
        ec2.authorize_security_group_ingress()
            .group_id(&sg)
            .ip_permissions(ssh_from_anywhere())
            .send()
            .await
            .expect("ingress");
        ec2.run_instances()
            .image_id(ami)
            .min_count(1)
            .max_count(1)
            .security_group_ids(sg)
            .send()
            .await
            .expect("run");
        ec2.create_volume()
            .availability_zone("us-east-1a")
            .size(100)
            .volume_type(VolumeType::Gp2)
            .send()
            .await
            .expect("volume");
    });
    moto
}

fn finding_keys(a: &serde_json::Value) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = a["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or_default().to_string(),
                f["resource_id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    keys.sort();
    keys
}

#[test]
fn inventory_then_replay_gives_the_same_findings_as_a_live_scan() {
    let moto = seeded_moto();
    let endpoint = moto.endpoint();
    let run = wellscan(&[
        "inventory",
        "--endpoint-url",
        &endpoint,
        "--regions",
        "us-east-1",
        "--out",
        "{tmp}/inventory.json",
    ]);
    run.assert_code(0);
    assert!(run.stdout.contains("written to"), "{}", run.stdout);
    assert!(
        run.stderr.contains("us-east-1 ec2:"),
        "progress per region and service: {}",
        run.stderr
    );

    let replay = run.again(&[
        "scan",
        "--inventory",
        "{tmp}/inventory.json",
        "--quiet",
        "--out",
        "{tmp}/replay",
    ]);
    replay.assert_code(0);
    let live = run.again(&[
        "scan",
        "--endpoint-url",
        &endpoint,
        "--regions",
        "us-east-1",
        "--quiet",
        "--out",
        "{tmp}/live",
    ]);
    live.assert_code(0);

    let replayed = run.json(&run.tmp.path().join("replay/assessment.json"));
    let scanned = run.json(&run.tmp.path().join("live/assessment.json"));
    assert_eq!(scanned["scan"]["source"], "live");
    let keys = finding_keys(&scanned);
    assert_eq!(finding_keys(&replayed), keys);
    for expected in [
        "ec2.sg_open_admin_ports",
        "ebs.volume_unattached",
        "ebs.gp2_volume",
    ] {
        assert!(
            keys.iter().any(|(check, _)| check == expected),
            "no {expected} in {keys:?}"
        );
    }
}

#[test]
fn a_live_scan_without_credentials_fails_clearly() {
    let run = wellscan_env(
        &["scan", "--regions", "us-east-1", "--out", "{tmp}/r"],
        &[("AWS_ACCESS_KEY_ID", None), ("AWS_SECRET_ACCESS_KEY", None)],
    );
    // Found before any work, said in one line, and the user's to fix: exit 2.
    run.assert_code(2);
    assert!(
        run.stderr
            .starts_with("error: no AWS credentials found: export AWS_ACCESS_KEY_ID"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(!run.tmp.path().join("r").exists(), "work started");
}

#[test]
fn an_unknown_region_in_a_live_scan_is_a_usage_error() {
    let moto = MotoServer::start().expect("moto starts");
    let run = wellscan(&[
        "scan",
        "--endpoint-url",
        &moto.endpoint(),
        "--regions",
        "mars-1",
        "--out",
        "{tmp}/r",
    ]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("unknown region `mars-1`"),
        "{}",
        run.stderr
    );
}

const PLANTED_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const PLANTED_PRIVATE_KEY: &str = "-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEAplantedfake";

/// A Lambda with a secret in its environment and an instance with a private key in a tag.
fn moto_with_secrets() -> MotoServer {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let cfg = sdk_config(&endpoint, "us-east-1").await;
        let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
        let role = aws_sdk_iam::Client::new(&cfg)
            .create_role()
            .role_name("fn")
            .assume_role_policy_document(trust)
            .send()
            .await
            .expect("role");
        let role_arn = role.role().map(|r| r.arn().to_string()).expect("arn");
        aws_sdk_lambda::Client::new(&cfg)
            .create_function()
            .function_name("billing-export")
            .runtime(aws_sdk_lambda::types::Runtime::Python312)
            .role(role_arn)
            .handler("index.handler")
            .code(
                aws_sdk_lambda::types::FunctionCode::builder()
                    .zip_file(aws_smithy_types::Blob::new(&b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"[..]))
                    .build(),
            )
            .environment(aws_sdk_lambda::types::Environment::builder().variables("AWS_SECRET_ACCESS_KEY", PLANTED_SECRET).build())
            .send()
            .await
            .expect("function");
        let ec2 = aws_sdk_ec2::Client::new(&cfg);
        let ami = wellscan_testkit::TEST_AMI;
        ec2.run_instances()
            .image_id(ami)
            .min_count(1)
            .max_count(1)
            .tag_specifications(
                aws_sdk_ec2::types::TagSpecification::builder()
                    .resource_type(aws_sdk_ec2::types::ResourceType::Instance)
                    .tags(aws_sdk_ec2::types::Tag::builder().key("DeployKey").value(PLANTED_PRIVATE_KEY).build())
                    .build(),
            )
            .send()
            .await
            .expect("run");
    });
    moto
}

#[test]
fn secrets_reach_no_log_no_report_and_no_model() {
    let moto = moto_with_secrets();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let bedrock = runtime
        .block_on(FakeBedrock::start(Duration::ZERO, plain_answer))
        .expect("fake bedrock");
    let bedrock_endpoint = bedrock.endpoint();
    let run = wellscan_env(
        &[
            "scan",
            "--endpoint-url",
            &moto.endpoint(),
            "--regions",
            "us-east-1",
            "--ai",
            "bedrock",
            "--model",
            "anthropic.claude-3-5-haiku-20241022-v1:0",
            "--out",
            "{tmp}/r",
        ],
        &[
            ("RUST_LOG", Some("trace,aws_smithy_runtime=trace")),
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", Some(&bedrock_endpoint)),
        ],
    );
    run.assert_code(0);
    assert!(run.stderr.len() > 10_000, "trace logging is on");
    let mut texts = vec![
        ("stdout", run.stdout.clone()),
        ("stderr", run.stderr.clone()),
    ];
    for file in ["inventory.json", "assessment.json", "report.html"] {
        let text = std::fs::read_to_string(run.tmp.path().join("r").join(file)).expect("report");
        texts.push((file, text));
    }
    let requests = bedrock.requests();
    assert_eq!(
        requests.len(),
        8,
        "the access check, six pillars and the summary asked the model"
    );
    let bodies: Vec<String> = requests.iter().map(|r| r.body.to_string()).collect();
    // The function and the instance were shown to the model, without their secrets.
    assert!(
        bodies
            .iter()
            .any(|b| b.contains("billing-export") && b.contains("AWS_SECRET_ACCESS_KEY"))
    );
    assert!(bodies.iter().any(|b| b.contains("DeployKey")));
    for body in &bodies {
        texts.push(("a request to the model", body.clone()));
    }
    for (name, text) in &texts {
        assert!(
            !text.contains(PLANTED_SECRET),
            "the Lambda secret is in {name}"
        );
        assert!(
            !text.contains("PRIVATE KEY"),
            "the private key is in {name}"
        );
    }
    let inventory = &texts[2].1;
    assert!(
        inventory.contains("AWS_SECRET_ACCESS_KEY"),
        "the variable's name is kept"
    );
    assert!(inventory.contains("[redacted]"));
}

#[test]
fn no_rust_log_directive_turns_wire_logging_back_on() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // A value only a response body carries.
    runtime.block_on(async {
        aws_sdk_ec2::Client::new(&sdk_config(&endpoint, "us-east-1").await)
            .create_vpc()
            .cidr_block("10.9.0.0/16")
            .tag_specifications(
                aws_sdk_ec2::types::TagSpecification::builder()
                    .resource_type(aws_sdk_ec2::types::ResourceType::Vpc)
                    .tags(
                        aws_sdk_ec2::types::Tag::builder()
                            .key("Note")
                            .value("wire-log-canary")
                            .build(),
                    )
                    .build(),
            )
            .send()
            .await
            .expect("vpc");
    });
    for directive in [
        "aws_smithy_runtime::client::orchestrator=trace",
        "trace,aws_smithy_runtime::client::orchestrator=trace,aws_smithy_runtime_api=trace,hyper_util::client=trace",
    ] {
        let run = wellscan_env(
            &[
                "inventory",
                "--endpoint-url",
                &endpoint,
                "--regions",
                "us-east-1",
                "--out",
                "{tmp}/inventory.json",
            ],
            &[("RUST_LOG", Some(directive))],
        );
        run.assert_code(0);
        let inventory =
            std::fs::read_to_string(run.tmp.path().join("inventory.json")).expect("inventory");
        assert!(inventory.contains("wire-log-canary"), "the tag was read");
        assert!(
            !run.stderr.contains("wire-log-canary"),
            "{directive}: a response body reached the log:\n{}",
            &run.stderr[..run.stderr.len().min(3000)]
        );
    }
}
