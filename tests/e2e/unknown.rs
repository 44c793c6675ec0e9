//! What the scanner could not read is never a finding and never a pass: an auditor denied one
//! describing call at a time, against moto enforcing IAM, through the real SDK clients.

use std::collections::BTreeSet;

use aws_config::SdkConfig;
use wellscan_checks::{Config, PriceTable};
use wellscan_model::{Fact, Inventory, Resource};
use wellscan_testkit::{MotoServer, iam_user, sdk_config};

/// One denied call: the check that decides on what it reads, and the fact left unknown.
struct Denial {
    action: &'static str,
    operation: &'static str,
    check: &'static str,
    fact: Fact,
}

const DENIALS: &[Denial] = &[
    Denial {
        action: "ec2:DescribeFlowLogs",
        operation: "DescribeFlowLogs",
        check: "ec2.vpc_without_flow_logs",
        fact: Fact::FlowLogsEnabled,
    },
    Denial {
        action: "iam:GetAccessKeyLastUsed",
        operation: "GetAccessKeyLastUsed",
        check: "iam.access_key_unused",
        fact: Fact::AccessKeyLastUsed,
    },
    Denial {
        action: "s3:GetBucketPolicy",
        operation: "GetBucketPolicy",
        check: "s3.bucket_not_tls_only",
        fact: Fact::TlsOnlyPolicy,
    },
    Denial {
        action: "s3:GetBucketVersioning",
        operation: "GetBucketVersioning",
        check: "s3.bucket_versioning_off",
        fact: Fact::Versioning,
    },
    Denial {
        action: "s3:GetBucketTagging",
        operation: "GetBucketTagging",
        check: "tags.missing_required",
        fact: Fact::Tags,
    },
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denied_describing_call_leaves_its_resources_not_evaluated_and_out_of_the_score() {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    seed(&endpoint).await;
    // Every auditor exists before IAM is enforced; the full one may read everything.
    let full = user(&endpoint, "auditor-full", None).await;
    let mut denied = Vec::new();
    for (i, d) in DENIALS.iter().enumerate() {
        denied.push(user(&endpoint, &format!("auditor-{i}"), Some(d.action)).await);
    }
    moto.enforce_iam().expect("moto enforces IAM");

    let complete = scan(&full).await;
    // (moto answers Lambda's REST calls under enforcement with a denial, whatever the policy.)
    let read_all = complete
        .coverage_gaps
        .iter()
        .all(|g| !DENIALS.iter().any(|d| d.operation == g.operation));
    assert!(read_all, "{:#?}", complete.coverage_gaps);
    for (d, sdk) in DENIALS.iter().zip(&denied) {
        let partial = scan(sdk).await;
        let gap = partial
            .coverage_gaps
            .iter()
            .find(|g| g.operation == d.operation);
        assert!(
            gap.is_some_and(|g| g.error.contains("access denied")),
            "{}: no access-denied gap in {:#?}",
            d.action,
            partial.coverage_gaps
        );
        let affected: BTreeSet<(String, String)> = partial
            .resources
            .iter()
            .filter(|r| r.unknown().contains(d.fact))
            .map(key)
            .collect();
        assert!(!affected.is_empty(), "{}: nothing marked unknown", d.action);

        let only = only_check(d.check);
        let run = wellscan_checks::run(&partial, &only, PriceTable::embedded());
        let summary = &run.summaries[0];
        let named: Vec<_> = run
            .findings
            .iter()
            .filter(|f| affected.contains(&(f.resource_id.clone(), f.region.clone())))
            .collect();
        assert!(
            named.is_empty(),
            "{}: findings on unread facts {named:#?}",
            d.action
        );

        // The same account with those resources removed scores the same.
        let mut removed = complete.clone();
        removed.resources.retain(|r| !affected.contains(&key(r)));
        let baseline = wellscan_checks::run(&removed, &only, PriceTable::embedded());
        assert_eq!(
            (summary.evaluated, summary.failed),
            (
                baseline.summaries[0].evaluated,
                baseline.summaries[0].failed
            ),
            "{}",
            d.action
        );
        let pillar = summary.pillar;
        assert_eq!(
            wellscan_checks::score(&run.summaries).pillar(pillar),
            wellscan_checks::score(&baseline.summaries).pillar(pillar),
            "{}: {pillar:?}",
            d.action
        );
        // Every one the complete scan judged is counted as not evaluated now.
        let judged = wellscan_checks::run(&complete, &only, PriceTable::embedded());
        assert_eq!(judged.summaries[0].not_evaluated, 0, "{}", d.action);
        let would_judge = judged.summaries[0].evaluated - baseline.summaries[0].evaluated;
        assert!(
            would_judge > 0,
            "{}: the complete scan judges none",
            d.action
        );
        assert_eq!(summary.not_evaluated, would_judge, "{}", d.action);
    }
}

fn key(r: &Resource) -> (String, String) {
    (r.id().to_string(), r.region().to_string())
}

/// The configuration that runs `check` alone (with a required tag, so the tag check runs).
fn only_check(check: &str) -> Config {
    Config {
        skip: wellscan_checks::catalogue()
            .iter()
            .map(|c| c.meta.id.to_string())
            .filter(|id| id != check)
            .collect(),
        required_tags: vec!["Owner".into()],
        ..Config::default()
    }
}

async fn scan(sdk: &SdkConfig) -> Inventory {
    let options = wellscan_scanner::Options {
        regions: Some(vec!["us-east-1".into()]),
        initial_backoff: std::time::Duration::from_millis(10),
        ..Default::default()
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    wellscan_scanner::scan(sdk, &options, &tx)
        .await
        .expect("scan")
        .inventory
}

/// A VPC, a bucket with a tag, a user with an access key.
async fn seed(endpoint: &str) {
    let cfg = sdk_config(endpoint, "us-east-1").await;
    let ec2 = aws_sdk_ec2::Client::new(&cfg);
    ec2.create_vpc()
        .cidr_block("10.20.0.0/16")
        .send()
        .await
        .expect("vpc");
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&cfg)
            .force_path_style(true)
            .build(),
    );
    s3.create_bucket()
        .bucket("ledger-exports")
        .send()
        .await
        .expect("bucket");
    s3.put_bucket_tagging()
        .bucket("ledger-exports")
        .tagging(
            aws_sdk_s3::types::Tagging::builder()
                .tag_set(
                    aws_sdk_s3::types::Tag::builder()
                        .key("Team")
                        .value("finance")
                        .build()
                        .expect("tag"),
                )
                .build()
                .expect("tagging"),
        )
        .send()
        .await
        .expect("tags");
    let iam = aws_sdk_iam::Client::new(&cfg);
    iam.create_user()
        .user_name("deploy")
        .send()
        .await
        .expect("user");
    iam.create_access_key()
        .user_name("deploy")
        .send()
        .await
        .expect("key");
}

/// An IAM user allowed everything but `deny`, and a configuration signing as it.
async fn user(endpoint: &str, name: &str, deny: Option<&str>) -> SdkConfig {
    let deny = deny
        .map(|a| format!(r#",{{"Effect":"Deny","Action":"{a}","Resource":"*"}}"#))
        .unwrap_or_default();
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"*","Resource":"*"}}{deny}]}}"#
    );
    iam_user(endpoint, name, &policy).await
}
