//! Security Hub: enabled in us-east-1, not in us-west-2.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["securityhub"],
    cases: &[(
        "securityhub.disabled",
        "us-west-2/securityhub",
        Some("us-east-1/securityhub"),
    )],
    actions: &["securityhub:DescribeHub"],
};

async fn seed(account: &Account) {
    let east = &account.east;
    let hub = aws_sdk_securityhub::Client::new(east);
    hub.enable_security_hub().send().await.expect("hub");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn securityhub() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
