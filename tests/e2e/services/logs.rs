//! CloudWatch Logs: a group kept forever and one kept a week, beside one kept a year.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["logs"],
    cases: &[
        (
            "logs.retention_never_expires",
            "us-east-1//app/forever",
            Some("us-east-1//app/kept"),
        ),
        (
            "logs.retention_short",
            "us-east-1//app/brief",
            Some("us-east-1//app/kept"),
        ),
    ],
    actions: &["logs:DescribeLogGroups"],
};

async fn seed(account: &Account) {
    let logs = aws_sdk_cloudwatchlogs::Client::new(&account.east);
    for (group, days) in [
        ("/app/forever", None),
        ("/app/brief", Some(7)),
        ("/app/kept", Some(365)),
    ] {
        logs.create_log_group()
            .log_group_name(group)
            .send()
            .await
            .expect("log group");
        if let Some(days) = days {
            logs.put_retention_policy()
                .log_group_name(group)
                .retention_in_days(days)
                .send()
                .await
                .expect("retention");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
