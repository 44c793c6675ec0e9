//! EFS: an unencrypted file system without backups beside an encrypted one with automatic
//! backups and one backed up by a plan through its tag.
//!
//! Left to the fixture tests: file systems large enough for lifecycle tiering to matter.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["efs", "backup"],
    cases: &[
        (
            "efs.unencrypted",
            "us-east-1/plain-fs",
            Some("us-east-1/sealed-fs"),
        ),
        (
            "efs.backup_off",
            "us-east-1/plain-fs",
            Some("us-east-1/sealed-fs"),
        ),
        (
            "efs.backup_off",
            "us-east-1/plain-fs",
            Some("us-east-1/planned-fs"),
        ),
    ],
    actions: &[
        "backup:GetBackupPlan",
        "backup:GetBackupSelection",
        "backup:ListBackupPlans",
        "backup:ListBackupSelections",
        "backup:ListBackupVaults",
        "elasticfilesystem:DescribeBackupPolicy",
        "elasticfilesystem:DescribeFileSystems",
        "elasticfilesystem:DescribeLifecycleConfiguration",
    ],
};

async fn seed(account: &Account) {
    super::backup::plan(&account.east).await;
    let east = &account.east;
    let efs = aws_sdk_efs::Client::new(east);
    // The third has automatic backups off and is backed up by the plan, through its tag.
    for (token, encrypted, backup) in [
        ("plain-fs", false, false),
        ("sealed-fs", true, true),
        ("planned-fs", true, false),
    ] {
        let tag = |key: &str, value: &str| {
            aws_sdk_efs::types::Tag::builder()
                .key(key)
                .value(value)
                .build()
                .expect("tag")
        };
        let mut create = efs
            .create_file_system()
            .creation_token(token)
            .encrypted(encrypted)
            // Automatic backups, as CreateFileSystem turns them on.
            .backup(backup)
            .tags(tag("Name", token));
        if token == "planned-fs" {
            create = create.tags(tag("Backup", "daily"));
        }
        create.send().await.expect("file system");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn efs() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
