//! RDS: a public, unencrypted, single-zone production database on a previous-generation class
//! and a PostgreSQL version past standard support, without backups, deletion protection,
//! minor-version patching, Performance Insights, Enhanced Monitoring or storage autoscaling,
//! beside one with none of those problems.
//!
//! Left to the fixture tests: idle databases (connection metrics) and Aurora clusters.

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["rds"],
    cases: &[
        (
            "rds.storage_unencrypted",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.instance_public",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.instance_single_az",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.backup_retention_short",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.deletion_protection_off",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.auto_minor_upgrade_off",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.performance_insights_off",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.previous_generation_class",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.engine_extended_support",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.enhanced_monitoring_off",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
        (
            "rds.storage_autoscaling_off",
            "us-east-1/open-db",
            Some("us-east-1/guarded-db"),
        ),
    ],
    actions: &[
        "cloudwatch:GetMetricData",
        "rds:DescribeDBClusters",
        "rds:DescribeDBInstances",
    ],
};

async fn seed(account: &Account) {
    let rds = aws_sdk_rds::Client::new(&account.east);
    let create = |name: &str, class: &str| {
        rds.create_db_instance()
            .db_instance_identifier(name)
            .db_instance_class(class)
            .engine("postgres")
            .master_username("admin")
            .master_user_password("Not-a-real-password-1")
            .allocated_storage(100)
            .tags(
                aws_sdk_rds::types::Tag::builder()
                    .key("Environment")
                    .value("production")
                    .build(),
            )
    };
    create("open-db", "db.m4.large")
        .engine_version("12.22")
        .publicly_accessible(true)
        .storage_encrypted(false)
        .multi_az(false)
        .backup_retention_period(0)
        .deletion_protection(false)
        .auto_minor_version_upgrade(false)
        .enable_performance_insights(false)
        .send()
        .await
        .expect("open database");
    create("guarded-db", "db.m6g.large")
        .publicly_accessible(false)
        .storage_encrypted(true)
        .multi_az(true)
        .backup_retention_period(14)
        .deletion_protection(true)
        .auto_minor_version_upgrade(true)
        .enable_performance_insights(true)
        .engine_version("16.4")
        .monitoring_interval(60)
        .monitoring_role_arn("arn:aws:iam::123456789012:role/rds-monitoring-role")
        .max_allocated_storage(1000)
        .send()
        .await
        .expect("guarded database");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rds() {
    let account = Account::start().await;
    seed(&account).await;
    account.prove(&PROOF).await;
}
