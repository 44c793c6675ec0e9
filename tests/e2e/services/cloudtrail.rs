//! CloudTrail: a single-region trail that is stopped and does not validate its log files, beside
//! a multi-region trail that logs and validates. The account is covered by the second, so it has
//! no `no_multi_region_trail` finding (the fixture tests hold the account that is not).

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["cloudtrail", "iam"],
    cases: &[
        (
            "cloudtrail.log_validation_off",
            "us-east-1/stopped-trail",
            Some("us-east-1/audit-trail"),
        ),
        (
            "cloudtrail.logging_stopped",
            "us-east-1/stopped-trail",
            Some("us-east-1/audit-trail"),
        ),
    ],
    actions: &[
        "cloudtrail:DescribeTrails",
        "cloudtrail:GetTrailStatus",
        "iam:GenerateCredentialReport",
        "iam:GetAccountAuthorizationDetails",
        "iam:GetAccountPasswordPolicy",
        "iam:GetAccountSummary",
        "iam:GetCredentialReport",
        "s3:GetAccountPublicAccessBlock",
    ],
};

async fn seed(account: &Account) {
    aws_sdk_s3::Client::new(&account.east)
        .create_bucket()
        .bucket("trail-logs")
        .send()
        .await
        .expect("bucket");
    let trail = aws_sdk_cloudtrail::Client::new(&account.east);
    for (name, everywhere) in [("stopped-trail", false), ("audit-trail", true)] {
        trail
            .create_trail()
            .name(name)
            .s3_bucket_name("trail-logs")
            .is_multi_region_trail(everywhere)
            .enable_log_file_validation(everywhere)
            .send()
            .await
            .expect("trail");
    }
    trail
        .start_logging()
        .name("audit-trail")
        .send()
        .await
        .expect("start logging");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloudtrail() {
    let account = Account::start().await;
    seed(&account).await;
    let scanned = account.prove(&PROOF).await;
    assert_eq!(
        scanned.findings("cloudtrail.no_multi_region_trail").count(),
        0
    );
    let judged = scanned
        .run
        .summaries
        .iter()
        .find(|s| s.check_id == "cloudtrail.no_multi_region_trail")
        .map(|s| s.evaluated);
    assert_eq!(judged, Some(1), "the account is judged");
}
