//! AWS Backup: a plan in us-east-1 that selects a table by its tag, none in us-west-2, each
//! region holding a table worth backing up.
//!
//! Left to the fixture tests: vaults without a lock (moto's vaults hold no recovery points).

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["backup", "dynamodb"],
    cases: &[(
        "backup.region_without_plan",
        "us-west-2/backup-plans",
        Some("us-east-1/backup-plans"),
    )],
    actions: &[
        "backup:GetBackupSelection",
        "backup:ListBackupPlans",
        "backup:ListBackupSelections",
        "backup:ListBackupVaults",
        "cloudwatch:GetMetricData",
        "dynamodb:DescribeContinuousBackups",
        "dynamodb:DescribeTable",
        "dynamodb:ListTables",
        "dynamodb:ListTagsOfResource",
    ],
};

/// A plan that backs up what is tagged `Backup=daily`.
pub async fn plan(east: &aws_config::SdkConfig) {
    let backup = aws_sdk_backup::Client::new(east);
    let plan = backup
        .create_backup_plan()
        .backup_plan(
            aws_sdk_backup::types::BackupPlanInput::builder()
                .backup_plan_name("daily")
                .rules(
                    aws_sdk_backup::types::BackupRuleInput::builder()
                        .rule_name("daily")
                        .target_backup_vault_name("Default")
                        .build()
                        .expect("rule"),
                )
                .build()
                .expect("plan"),
        )
        .send()
        .await
        .expect("backup plan");
    // The plan assigns what is tagged Backup=daily (moto has no selections: the emulator's fake).
    backup
        .create_backup_selection()
        .backup_plan_id(plan.backup_plan_id().expect("plan id"))
        .backup_selection(
            aws_sdk_backup::types::BackupSelection::builder()
                .selection_name("tagged-daily")
                .iam_role_arn("arn:aws:iam::123456789012:role/backup")
                .list_of_tags(
                    aws_sdk_backup::types::Condition::builder()
                        .condition_type(aws_sdk_backup::types::ConditionType::Stringequals)
                        .condition_key("Backup")
                        .condition_value("daily")
                        .build()
                        .expect("condition"),
                )
                .build()
                .expect("selection"),
        )
        .send()
        .await
        .expect("backup selection");
}

async fn seed(account: &Account) {
    plan(&account.east).await;
    // A table in each region: the plan selects us-east-1's by its tag; us-west-2 has no plan.
    super::dynamodb::table(&account.east, "shipments", Some(("Backup", "daily"))).await;
    super::dynamodb::table(&account.west, "shipments", None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
