//! The scanner against moto, through the real SDK clients.

mod faults;
mod listings;
mod metrics;
mod permissions;
mod policy;
mod seed;

use std::collections::BTreeSet;

use wellscan_model::{Inventory, ResourceKind};
use wellscan_scanner::{CallLog, Options, ScanOutput};
use wellscan_testkit::MotoServer;

/// The services `seed` fills. Fault and permission tests scan only these: their deadlines and
/// expected gaps are about how wellscan meets a fault, and moto's IAM mode rejects the
/// signatures of body-less GET requests (EFS, GuardDuty, Security Hub, Backup) even from
/// boto3, which would be moto's failure counted as wellscan's.
const SEEDED: [&str; 12] = [
    "ec2",
    "ebs",
    "vpc",
    "rds",
    "lambda",
    "cloudwatch",
    "cloudtrail",
    "kms",
    "logs",
    "dynamodb",
    "iam",
    "s3",
];

fn seeded_services() -> Option<Vec<String>> {
    Some(SEEDED.map(String::from).to_vec())
}

const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-northeast-1"];

async fn scan(endpoint: &str, options: Options) -> ScanOutput {
    let sdk = seed::config(endpoint, "us-east-1").await;
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    wellscan_scanner::scan(&sdk, &options, &tx)
        .await
        .expect("the scan runs")
}

fn fast() -> Options {
    Options {
        initial_backoff: std::time::Duration::from_millis(10),
        ..Options::default()
    }
}

fn ids(inventory: &Inventory, kind: ResourceKind, region: &str) -> BTreeSet<String> {
    inventory
        .resources
        .iter()
        .filter(|r| r.kind() == kind && r.region() == region)
        .map(|r| r.id().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seeded_resource_lands_in_its_own_region() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let role = seed::global(&endpoint).await;
    let mut seeded = Vec::new();
    for (region, name) in REGIONS.iter().zip(["orders-api", "web-eu", "請求バッチ"]) {
        seeded.push((region, seed::region(&endpoint, region, name, &role).await));
    }

    let calls = CallLog::new();
    let output = scan(
        &endpoint,
        Options {
            regions: Some(REGIONS.map(String::from).to_vec()),
            calls: Some(calls.clone()),
            ..fast()
        },
    )
    .await;
    let inv = &output.inventory;
    assert_eq!(inv.account_id.len(), 12, "{}", inv.account_id);
    assert_eq!(inv.regions, REGIONS.map(String::from).to_vec());

    for (region, s) in &seeded {
        for (kind, id) in [
            (ResourceKind::Ec2Instance, &s.instance),
            (ResourceKind::EbsVolume, &s.volume),
            (ResourceKind::SecurityGroup, &s.security_group),
            (ResourceKind::RdsInstance, &s.database),
            (ResourceKind::LambdaFunction, &s.function),
            (ResourceKind::CloudwatchAlarm, &s.alarm),
            (ResourceKind::KmsKey, &s.key),
            (ResourceKind::LogGroup, &s.log_group),
            (ResourceKind::DynamodbTable, &s.table),
        ] {
            assert!(
                ids(inv, kind, region).contains(id),
                "{} {id} missing from {region}",
                kind.title()
            );
            for other in REGIONS.iter().filter(|r| *r != *region) {
                assert!(
                    !ids(inv, kind, other).contains(id),
                    "{} {id} also in {other}",
                    kind.title()
                );
            }
        }
        assert!(
            ids(inv, ResourceKind::EbsEncryptionDefault, region).len() == 1,
            "EBS default in {region}"
        );
        let alarms: Vec<_> = inv
            .resources
            .iter()
            .filter_map(|r| r.as_cloudwatch_alarms())
            .filter(|a| a.region == **region)
            .collect();
        assert_eq!(alarms.len(), 1, "alarm count of {region}");
        assert_eq!(alarms[0].alarms, 1, "{region} has one alarm");
        assert!(alarms[0].unknown.is_empty());
    }

    // Global services appear once.
    let users = ids(inv, ResourceKind::IamUser, "global");
    assert_eq!(
        users,
        BTreeSet::from(["alice".to_string(), "ci-bot".to_string()])
    );
    let user_count = inv
        .resources
        .iter()
        .filter(|r| r.kind() == ResourceKind::IamUser)
        .count();
    assert_eq!(user_count, 2);
    let alice = inv
        .resources
        .iter()
        .find_map(|r| r.as_iam_user().filter(|u| u.id == "alice"))
        .expect("alice");
    assert!(alice.console_access, "alice has a login profile");
    assert_eq!(alice.access_keys.len(), 1);
    assert_eq!(
        inv.resources
            .iter()
            .filter(|r| r.kind() == ResourceKind::AccountSummary)
            .count(),
        1
    );
    let lambda_role = inv
        .resources
        .iter()
        .find_map(|r| r.as_iam_role().filter(|x| x.id == "lambda-exec"))
        .expect("role");
    assert_eq!(lambda_role.trust_principals, ["lambda.amazonaws.com"]);
    let admins = inv
        .resources
        .iter()
        .find_map(|r| r.as_iam_group().filter(|g| g.id == "admins"))
        .expect("the admins group");
    assert_eq!(admins.members, ["alice"]);
    assert_eq!(
        admins.attached_policy_arns,
        ["arn:aws:iam::aws:policy/AdministratorAccess"]
    );
    assert_eq!(
        admins
            .inline_policies
            .get("break-glass")
            .map(|d| &d["Statement"][0]["Action"]),
        Some(&serde_json::json!("*")),
        "the inline policy document is read"
    );

    // Buckets are read in their own regions.
    let eu = inv
        .resources
        .iter()
        .find_map(|r| r.as_s3_bucket().filter(|b| b.id == "eu-data"))
        .expect("eu bucket");
    assert_eq!(eu.region, "eu-west-1");
    assert_eq!(eu.versioning, wellscan_model::Versioning::Enabled);
    let public = inv
        .resources
        .iter()
        .find_map(|r| r.as_s3_bucket().filter(|b| b.id == "public-site"))
        .expect("public bucket");
    assert_eq!(public.region, "us-east-1");
    assert!(public.policy_public);

    // Facts the checks rely on.
    let sg = inv
        .find(ResourceKind::SecurityGroup, &seeded[0].1.security_group)
        .and_then(|r| r.as_security_group())
        .expect("sg");
    assert!(sg.in_use, "the instance uses it");
    assert!(
        sg.ingress
            .iter()
            .any(|r| r.open_to_world() && r.covers_tcp_port(22))
    );
    let instance = inv
        .find(ResourceKind::Ec2Instance, &seeded[2].1.instance)
        .expect("instance");
    assert_eq!(instance.name_tag(), Some("請求バッチ"));
    let function = inv
        .find(ResourceKind::LambdaFunction, &seeded[0].1.function)
        .and_then(|r| r.as_lambda_function())
        .expect("fn");
    assert_eq!(
        function.environment_variable_names,
        ["AWS_SECRET_ACCESS_KEY", "TABLE_NAME"]
    );
    assert_eq!(function.secret_like_variables, ["AWS_SECRET_ACCESS_KEY"]);

    // Nothing secret in the inventory.
    let json = serde_json::to_string(inv).expect("json");
    assert!(
        !json.contains(seed::PLANTED_SECRET),
        "the Lambda secret leaked"
    );
    assert!(!json.contains("PRIVATE KEY"), "the private key leaked");
    assert!(json.contains("[redacted]"));

    let trail = inv
        .resources
        .iter()
        .find_map(|r| r.as_cloudtrail_trail())
        .expect("trail");
    assert!(trail.multi_region && trail.logging, "{trail:?}");

    assert!(
        inv.coverage_gaps.is_empty(),
        "unexpected gaps: {:#?}",
        inv.coverage_gaps
    );
    policy::assert_covers(&calls);
    assert!(output.critical_path_calls >= 3);
}
