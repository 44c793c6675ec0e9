//! Half the permissions: what the auditor may not read becomes gaps; the rest is complete.

use std::collections::BTreeSet;

use wellscan_model::ResourceKind;
use wellscan_scanner::Options;
use wellscan_testkit::{MotoServer, iam_user};

use crate::seed;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn denied_services_become_gaps_and_the_rest_is_complete() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let role = seed::global(&endpoint).await;
    let east = seed::region(&endpoint, "us-east-1", "orders-api", &role).await;
    let west = seed::region(&endpoint, "eu-west-1", "web-eu", &role).await;

    // An auditor who may read everything but RDS and Lambda.
    let policy = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"*","Resource":"*"},
        {"Effect":"Deny","Action":["rds:*","lambda:*"],"Resource":"*"}]}"#;
    let sdk = iam_user(&endpoint, "auditor", policy).await;
    moto.enforce_iam().expect("moto enforces IAM");
    let options = Options {
        regions: Some(vec!["us-east-1".into(), "eu-west-1".into()]),
        services: crate::seeded_services(),
        initial_backoff: std::time::Duration::from_millis(10),
        ..Options::default()
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let inv = wellscan_scanner::scan(&sdk, &options, &tx)
        .await
        .expect("scan")
        .inventory;

    let gaps: BTreeSet<(String, String)> = inv
        .coverage_gaps
        .iter()
        .map(|g| (g.region.clone(), g.service.clone()))
        .collect();
    let expected: BTreeSet<(String, String)> = ["us-east-1", "eu-west-1"]
        .iter()
        .flat_map(|r| {
            [
                (r.to_string(), "lambda".to_string()),
                (r.to_string(), "rds".to_string()),
            ]
        })
        .collect();
    assert_eq!(gaps, expected, "gaps: {:#?}", inv.coverage_gaps);
    for g in &inv.coverage_gaps {
        assert!(g.error.starts_with("access denied"), "{g:?}");
    }
    for (region, s) in [("us-east-1", &east), ("eu-west-1", &west)] {
        for (kind, id) in [
            (ResourceKind::Ec2Instance, &s.instance),
            (ResourceKind::EbsVolume, &s.volume),
            (ResourceKind::CloudwatchAlarm, &s.alarm),
            (ResourceKind::KmsKey, &s.key),
            (ResourceKind::DynamodbTable, &s.table),
        ] {
            let found = inv
                .resources
                .iter()
                .any(|r| r.kind() == kind && r.id() == id && r.region() == region);
            assert!(found, "{} {id} missing in {region}", kind.title());
        }
        assert!(
            !inv.resources
                .iter()
                .any(|r| r.kind() == ResourceKind::RdsInstance
                    || r.kind() == ResourceKind::LambdaFunction)
        );
    }
    assert!(
        inv.resources
            .iter()
            .any(|r| r.kind() == ResourceKind::IamUser)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_identity_that_may_read_nothing_gets_an_error_not_an_empty_inventory() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let role = seed::global(&endpoint).await;
    seed::region(&endpoint, "us-east-1", "orders-api", &role).await;
    let policy =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#;
    let sdk = iam_user(&endpoint, "nobody", policy).await;
    moto.enforce_iam().expect("moto enforces IAM");
    let options = Options {
        regions: Some(vec!["us-east-1".into()]),
        initial_backoff: std::time::Duration::from_millis(10),
        ..Options::default()
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    match wellscan_scanner::scan(&sdk, &options, &tx).await {
        Err(wellscan_scanner::ScanError::NothingRead { gaps }) => {
            assert!(
                gaps.iter().all(|g| g.error.starts_with("access denied")),
                "{gaps:#?}"
            );
            assert!(gaps.iter().any(|g| g.service == "ec2"), "{gaps:#?}");
        }
        other => panic!("expected NothingRead, got {other:?}"),
    }
}
