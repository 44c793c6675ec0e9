//! KMS: a customer managed key that never rotates beside one that does.

use aws_sdk_kms::types::Tag;

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["kms"],
    cases: &[(
        "kms.key_rotation_off",
        "us-east-1/data-key",
        Some("us-east-1/rotated-key"),
    )],
    actions: &[
        "kms:DescribeKey",
        "kms:GetKeyRotationStatus",
        "kms:ListKeys",
        "kms:ListResourceTags",
    ],
};

async fn seed(account: &Account) {
    let kms = aws_sdk_kms::Client::new(&account.east);
    for name in ["data-key", "rotated-key"] {
        let id = kms
            .create_key()
            .description(name)
            .tags(
                Tag::builder()
                    .tag_key("Name")
                    .tag_value(name)
                    .build()
                    .expect("tag"),
            )
            .send()
            .await
            .expect("key")
            .key_metadata()
            .map(|m| m.key_id().to_string())
            .expect("key id");
        if name == "rotated-key" {
            kms.enable_key_rotation()
                .key_id(id)
                .send()
                .await
                .expect("rotation");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kms() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
