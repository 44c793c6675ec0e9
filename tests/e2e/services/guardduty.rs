//! GuardDuty: a detector in us-east-1, none in us-west-2.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["guardduty"],
    cases: &[("guardduty.disabled", "us-west-2/guardduty", None)],
    actions: &["guardduty:GetDetector", "guardduty:ListDetectors"],
};

async fn seed(account: &Account) {
    let east = &account.east;
    let gd = aws_sdk_guardduty::Client::new(east);
    gd.create_detector()
        .enable(true)
        .send()
        .await
        .expect("detector");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guardduty() {
    let account = Account::start().await;
    seed(&account).await;
    let scanned = account.prove(&PROOF).await;
    // us-east-1's detector is on, so GuardDuty is judged there and passes.
    let regions: Vec<&str> = scanned
        .findings("guardduty.disabled")
        .map(|f| f.region.as_str())
        .collect();
    assert_eq!(regions, ["us-west-2"]);
}
