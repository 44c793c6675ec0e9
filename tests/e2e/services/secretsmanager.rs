//! Secrets Manager: a secret that never rotates.
//!
//! Left to the fixture tests: a rotating twin (moto's rotation calls a Lambda it cannot run) and
//! secrets unread for 90 days.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["secretsmanager"],
    cases: &[(
        "secretsmanager.rotation_off",
        "us-east-1/prod/db-password",
        None,
    )],
    actions: &["secretsmanager:ListSecrets"],
};

async fn seed(account: &Account) {
    let east = &account.east;
    let sm = aws_sdk_secretsmanager::Client::new(east);
    sm.create_secret()
        .name("prod/db-password")
        .secret_string("not-a-real-password")
        .send()
        .await
        .expect("secret");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secretsmanager() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
