//! AWS Backup: a plan in us-east-1 that selects a table by its tag and keeps its recovery
//! points in the Region; in us-west-2 only a plan that selects nothing but copies to us-east-1;
//! each region holding a table worth backing up.
//!
//! Left to the fixture tests: vaults without a lock (moto's vaults hold no recovery points).

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["backup", "dynamodb"],
    cases: &[
        (
            "backup.region_without_plan",
            "us-west-2/backup-plans",
            Some("us-east-1/backup-plans"),
        ),
        (
            "backup.no_cross_region_copy",
            "us-east-1/backup-plans",
            Some("us-west-2/backup-plans"),
        ),
    ],
    actions: &[
        "backup:GetBackupPlan",
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

/// A plan whose rule copies each recovery point to a vault in us-east-1, and selects nothing.
async fn copying_plan(west: &aws_config::SdkConfig) {
    aws_sdk_backup::Client::new(west)
        .create_backup_plan()
        .backup_plan(
            aws_sdk_backup::types::BackupPlanInput::builder()
                .backup_plan_name("dr-copy")
                .rules(
                    aws_sdk_backup::types::BackupRuleInput::builder()
                        .rule_name("nightly")
                        .target_backup_vault_name("Default")
                        .copy_actions(
                            aws_sdk_backup::types::CopyAction::builder()
                                .destination_backup_vault_arn(
                                    "arn:aws:backup:us-east-1:123456789012:backup-vault:Default",
                                )
                                .build()
                                .expect("copy action"),
                        )
                        .build()
                        .expect("rule"),
                )
                .build()
                .expect("plan"),
        )
        .send()
        .await
        .expect("copying backup plan");
}

async fn seed(account: &Account) {
    plan(&account.east).await;
    copying_plan(&account.west).await;
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
