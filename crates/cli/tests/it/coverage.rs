//! Each check's planted problem is found on a moto account, through the real binary, and its
//! healthy twin beside it is not. One seeding per service; the assertions name the check and
//! the resource a user would see in the report.

use std::collections::BTreeSet;

use aws_sdk_ec2::types::{
    IpPermission, IpRange, ResourceType, RunInstancesMonitoringEnabled, Tag, TagSpecification,
};
use wellscan_testkit::{MotoServer, sdk_config};

use crate::util::wellscan;

/// Seeds the planted problems and their healthy twins; returns the ids to look for.
struct Planted {
    db_open_sg: String,
    db_private_sg: String,
    basic_instance: String,
    detailed_instance: String,
}

async fn seed(endpoint: &str) -> Planted {
    let east = sdk_config(endpoint, "us-east-1").await;
    let west = sdk_config(endpoint, "us-west-2").await;

    // IAM: AdministratorAccess on a user, and a group granting it, beside read-only twins.
    let iam = aws_sdk_iam::Client::new(&east);
    for user in ["root-like", "auditor", "dba", "reader"] {
        iam.create_user()
            .user_name(user)
            .send()
            .await
            .expect("user");
    }
    for (user, policy) in [
        ("root-like", "AdministratorAccess"),
        ("auditor", "ReadOnlyAccess"),
    ] {
        iam.attach_user_policy()
            .user_name(user)
            .policy_arn(format!("arn:aws:iam::aws:policy/{policy}"))
            .send()
            .await
            .expect("attach user policy");
    }
    for (group, policy, member) in [
        ("db-admins", "AdministratorAccess", "dba"),
        ("readers", "ReadOnlyAccess", "reader"),
    ] {
        iam.create_group()
            .group_name(group)
            .send()
            .await
            .expect("group");
        iam.attach_group_policy()
            .group_name(group)
            .policy_arn(format!("arn:aws:iam::aws:policy/{policy}"))
            .send()
            .await
            .expect("attach group policy");
        iam.add_user_to_group()
            .group_name(group)
            .user_name(member)
            .send()
            .await
            .expect("member");
    }

    // S3: a bucket without default encryption beside one with SSE-KMS.
    let s3 = aws_sdk_s3::Client::new(&east);
    for bucket in ["plain-bucket", "sealed-bucket"] {
        s3.create_bucket()
            .bucket(bucket)
            .send()
            .await
            .expect("bucket");
    }
    // moto, like S3 since 2023, may give new buckets SSE-S3 by default: remove it.
    let _ = s3
        .delete_bucket_encryption()
        .bucket("plain-bucket")
        .send()
        .await;
    let kms = aws_sdk_s3::types::ServerSideEncryptionByDefault::builder()
        .sse_algorithm(aws_sdk_s3::types::ServerSideEncryption::AwsKms)
        .build()
        .expect("sse");
    s3.put_bucket_encryption()
        .bucket("sealed-bucket")
        .server_side_encryption_configuration(
            aws_sdk_s3::types::ServerSideEncryptionConfiguration::builder()
                .rules(
                    aws_sdk_s3::types::ServerSideEncryptionRule::builder()
                        .apply_server_side_encryption_by_default(kms)
                        .build(),
                )
                .build()
                .expect("configuration"),
        )
        .send()
        .await
        .expect("bucket encryption");

    // EC2 in us-east-1: PostgreSQL open to the internet beside one open to the VPC only; a
    // production instance on basic monitoring beside one on detailed monitoring; one alarm in
    // the region.
    let ec2 = aws_sdk_ec2::Client::new(&east);
    let mut groups = Vec::new();
    for (name, cidr) in [("db-open", "0.0.0.0/0"), ("db-private", "10.0.0.0/16")] {
        let id = ec2
            .create_security_group()
            .group_name(name)
            .description(name)
            .send()
            .await
            .expect("sg")
            .group_id()
            .expect("id")
            .to_string();
        ec2.authorize_security_group_ingress()
            .group_id(&id)
            .ip_permissions(
                IpPermission::builder()
                    .ip_protocol("tcp")
                    .from_port(5432)
                    .to_port(5432)
                    .ip_ranges(IpRange::builder().cidr_ip(cidr).build())
                    .build(),
            )
            .send()
            .await
            .expect("ingress");
        groups.push(id);
    }
    let mut instances = Vec::new();
    for detailed in [false, true] {
        let run = ec2
            .run_instances()
            .image_id(wellscan_testkit::TEST_AMI)
            .min_count(1)
            .max_count(1)
            .monitoring(
                RunInstancesMonitoringEnabled::builder()
                    .enabled(detailed)
                    .build(),
            )
            .tag_specifications(
                TagSpecification::builder()
                    .resource_type(ResourceType::Instance)
                    .tags(
                        Tag::builder()
                            .key("Environment")
                            .value("production")
                            .build(),
                    )
                    .build(),
            )
            .send()
            .await
            .expect("run");
        instances.push(
            run.instances()
                .first()
                .and_then(|i| i.instance_id())
                .expect("instance id")
                .to_string(),
        );
    }
    aws_sdk_cloudwatch::Client::new(&east)
        .put_metric_alarm()
        .alarm_name("web-cpu")
        .namespace("AWS/EC2")
        .metric_name("CPUUtilization")
        .statistic(aws_sdk_cloudwatch::types::Statistic::Average)
        .period(300)
        .evaluation_periods(1)
        .threshold(90.0)
        .comparison_operator(aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanThreshold)
        .send()
        .await
        .expect("alarm");

    // us-west-2 runs an instance and has no alarm at all.
    aws_sdk_ec2::Client::new(&west)
        .run_instances()
        .image_id(wellscan_testkit::TEST_AMI)
        .min_count(1)
        .max_count(1)
        .send()
        .await
        .expect("run in us-west-2");

    Planted {
        db_open_sg: groups[0].clone(),
        db_private_sg: groups[1].clone(),
        basic_instance: instances[0].clone(),
        detailed_instance: instances[1].clone(),
    }
}

#[test]
fn planted_problems_are_found_and_their_healthy_twins_are_not() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let planted = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(seed(&endpoint));
    let run = wellscan(&[
        "scan",
        "--endpoint-url",
        &endpoint,
        "--regions",
        "us-east-1,us-west-2",
        "--quiet",
        "--no-history",
        "--out",
        "{tmp}/r",
    ]);
    run.assert_code(0);
    let a = run.json(&run.tmp.path().join("r/assessment.json"));
    let found = |check: &str| -> BTreeSet<(String, String)> {
        a["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["check_id"] == check)
            .map(|f| {
                (
                    f["region"].as_str().unwrap_or_default().to_string(),
                    f["resource_id"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    let one = |region: &str, id: &str| BTreeSet::from([(region.to_string(), id.to_string())]);

    assert_eq!(found("iam.user_admin_attached"), one("global", "root-like"));
    assert_eq!(found("iam.group_grants_admin"), one("global", "db-admins"));
    assert_eq!(
        found("s3.default_encryption_off"),
        one("us-east-1", "plain-bucket")
    );
    assert_eq!(
        found("ec2.sg_open_database_ports"),
        one("us-east-1", &planted.db_open_sg)
    );
    assert_eq!(
        found("ec2.detailed_monitoring_off"),
        one("us-east-1", &planted.basic_instance),
        "the untagged us-west-2 instance is not production; {} is on detailed monitoring",
        planted.detailed_instance
    );
    assert_eq!(
        found("cloudwatch.region_without_alarms"),
        one("us-west-2", "cloudwatch-alarms")
    );
    assert!(
        !found("ec2.sg_open_database_ports")
            .iter()
            .any(|(_, id)| *id == planted.db_private_sg)
    );

    // Each of those checks judged its healthy twin too: evaluated counts more than it failed.
    for c in a["checks"].as_array().expect("checks") {
        let id = c["check_id"].as_str().unwrap_or_default();
        if [
            "iam.user_admin_attached",
            "iam.group_grants_admin",
            "s3.default_encryption_off",
            "ec2.sg_open_database_ports",
            "ec2.detailed_monitoring_off",
            "cloudwatch.region_without_alarms",
        ]
        .contains(&id)
        {
            assert!(
                c["evaluated"].as_u64() > c["failed"].as_u64(),
                "{id} judged no healthy resource: {c}"
            );
        }
    }
    let evidence = a["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["check_id"] == "iam.group_grants_admin")
        .and_then(|f| f["evidence"].as_str())
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        evidence,
        "grants full access through AdministratorAccess to 1 member: dba"
    );
}
