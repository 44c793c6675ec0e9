//! EFS: file systems with their encryption, automatic backups and lifecycle rules.

use serde_json::Value;
use wellscan_aws::rest::{self as api, label};
use wellscan_model::{EfsFileSystem, Fact};

use crate::error;
use crate::json::{flag, int, items, pairs, str, text, time};
use crate::unit::{Collected, Paging, Partial, UnitCtx};

/// EFS's client.
type Efs = api::Client<api::Efs>;

/// What DescribeBackupPolicy answers for a file system that never had a backup policy.
const NO_POLICY: &str = "PolicyNotFound";

/// Where EFS's file systems are listed.
const FILE_SYSTEMS: &str = "/2015-02-01/file-systems";

/// `NextMarker` in the answer, `Marker` in the next request.
const NEXT_MARKER: Paging = Paging {
    request: "Marker",
    answer: "NextMarker",
};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "efs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let efs = ctx.client::<Efs>();
    let mut found = Vec::new();
    let mut out = crate::rest::pages(
        ctx,
        &efs,
        "DescribeFileSystems",
        FILE_SYSTEMS,
        &[],
        NEXT_MARKER,
        |page| found.extend(items(&page, "FileSystems").cloned()),
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
async fn file_system(ctx: &UnitCtx, efs: &Efs, fs: Value) -> Partial<Option<EfsFileSystem>> {
    let Some(id) = str(&fs, "FileSystemId").map(String::from) else {
        return Partial::called(None, Vec::new());
    };
    let mut out = EfsFileSystem {
        arn: str(&fs, "FileSystemArn")
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("elasticfilesystem", &format!("file-system/{id}"))),
        region: ctx.region.clone(),
        tags: crate::unit::tags(pairs(&fs, "Tags", "Key", "Value")),
        encrypted: flag(&fs, "Encrypted"),
        throughput_mode: text(&fs, "ThroughputMode"),
        size_bytes: fs
            .get("SizeInBytes")
            .and_then(|s| int(s, "Value"))
            .map_or(0, |s| u64::try_from(s).unwrap_or(0)),
        mount_targets: int(&fs, "NumberOfMountTargets")
            .map_or(0, |n| u32::try_from(n).unwrap_or(0)),
        created_at: time(&fs, "CreationTime"),
        ..Default::default()
    };
    let path = format!("{FILE_SYSTEMS}/{}", label(&id));
    let (backup_policy, lifecycle_configuration) = (
        format!("{path}/backup-policy"),
        format!("{path}/lifecycle-configuration"),
    );
    let (backup, lifecycle) = tokio::join!(
        efs.get("DescribeBackupPolicy", &backup_policy, &[]),
        efs.get(
            "DescribeLifecycleConfiguration",
            &lifecycle_configuration,
            &[]
        ),
    );
    out.id = id;
    let mut gaps = Vec::new();
    match backup {
        Ok(b) => {
            out.automatic_backups = b
                .get("BackupPolicy")
                .is_some_and(|p| str(p, "Status") == Some("ENABLED"))
        }
        Err(e) if error::code(&e) == Some(NO_POLICY) => {}
        Err(e) => {
            gaps.push(ctx.gap("DescribeBackupPolicy", &e));
            out.unknown.mark(Fact::AutomaticBackups);
        }
    }
    match lifecycle {
        Ok(l) => {
            out.lifecycle_to_ia = items(&l, "LifecyclePolicies").any(|p| {
                p.get("TransitionToIA").is_some() || p.get("TransitionToArchive").is_some()
            })
        }
        Err(e) => {
            gaps.push(ctx.gap("DescribeLifecycleConfiguration", &e));
            out.unknown.mark(Fact::LifecycleToIa);
        }
    }
    Partial::called(Some(out), gaps)
}
