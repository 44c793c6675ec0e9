//! EFS: file systems with their encryption, automatic backups and lifecycle rules.

use aws_sdk_efs::types::FileSystemDescription;
use wellscan_model::{EfsFileSystem, Fact};

use crate::error;
use crate::unit::{Collected, Partial, UnitCtx, time};

/// What DescribeBackupPolicy answers for a file system that never had a backup policy.
const NO_POLICY: &str = "PolicyNotFound";

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "efs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let efs = ctx.client::<aws_sdk_efs::Client>();
    let mut found = Vec::new();
    let mut out = ctx
        .pages(
            "DescribeFileSystems",
            efs.describe_file_systems().into_paginator().send(),
            |page| found.extend(page.file_systems().iter().cloned()),
        )
        .await
        .map(|()| Vec::new());
    ctx.describe_each(&mut out, found, |fs| {
        let efs = efs.clone();
        async move { file_system(ctx, &efs, fs).await }
    })
    .await;
    out
}

/// DescribeBackupPolicy and DescribeLifecycleConfiguration side by side.
async fn file_system(
    ctx: &UnitCtx,
    efs: &aws_sdk_efs::Client,
    fs: FileSystemDescription,
) -> Partial<Option<EfsFileSystem>> {
    let id = fs.file_system_id().to_string();
    let mut out = EfsFileSystem {
        arn: fs
            .file_system_arn()
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("elasticfilesystem", &format!("file-system/{id}"))),
        region: ctx.region.clone(),
        tags: crate::unit::tags(
            fs.tags()
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string())),
        ),
        encrypted: fs.encrypted().unwrap_or(false),
        throughput_mode: fs
            .throughput_mode()
            .map(|m| m.as_str().to_string())
            .unwrap_or_default(),
        size_bytes: fs
            .size_in_bytes()
            .map(|s| u64::try_from(s.value()).unwrap_or(0))
            .unwrap_or(0),
        mount_targets: u32::try_from(fs.number_of_mount_targets()).unwrap_or(0),
        created_at: time(fs.creation_time()),
        id,
        ..Default::default()
    };
    let (backup, lifecycle) = tokio::join!(
        efs.describe_backup_policy().file_system_id(&out.id).send(),
        efs.describe_lifecycle_configuration()
            .file_system_id(&out.id)
            .send(),
    );
    let mut gaps = Vec::new();
    match backup {
        Ok(b) => {
            out.automatic_backups = b
                .backup_policy()
                .is_some_and(|p| p.status().as_str() == "ENABLED")
        }
        Err(e) if error::code(&e) == Some(NO_POLICY) => {}
        Err(e) => {
            gaps.push(ctx.gap("DescribeBackupPolicy", &e));
            out.unknown.mark(Fact::AutomaticBackups);
        }
    }
    match lifecycle {
        Ok(l) => {
            out.lifecycle_to_ia = l
                .lifecycle_policies()
                .iter()
                .any(|p| p.transition_to_ia().is_some() || p.transition_to_archive().is_some())
        }
        Err(e) => {
            gaps.push(ctx.gap("DescribeLifecycleConfiguration", &e));
            out.unknown.mark(Fact::LifecycleToIa);
        }
    }
    Partial::called(Some(out), gaps)
}
