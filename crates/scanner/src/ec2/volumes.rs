use aws_sdk_ec2::types::{Snapshot, Volume};
use wellscan_model::{EbsEncryptionDefault, EbsSnapshot, EbsVolume, Fact, Resource, Tags};

use crate::unit::{Collected, Partial, UnitCtx, time};

/// DescribeVolumes, the account's own snapshots and the region's EBS encryption default, side by
/// side.
#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ebs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ec2 = ctx.client::<aws_sdk_ec2::Client>();
    let (mut out, snapshots, default) = tokio::join!(
        volumes(ctx, &ec2),
        snapshots(ctx, &ec2),
        ebs_default(ctx, &ec2)
    );
    let (snapshots, listed) = snapshots;
    // Without the whole snapshot list, a volume with none listed may still have one.
    if !listed {
        for v in &mut out.found {
            if let Resource::EbsVolume(v) = v {
                v.unknown.mark(Fact::Snapshots);
            }
        }
    }
    out.merge(snapshots);
    out.merge(default);
    out
}

/// The region's EBS encryption default.
async fn ebs_default(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> Collected {
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    match ec2.get_ebs_encryption_by_default().send().await {
        Ok(answer) => out.found.push(
            EbsEncryptionDefault {
                unknown: Default::default(),
                id: "ebs-encryption-by-default".into(),
                arn: ctx.arn("ec2", "ebs-encryption-by-default"),
                region: ctx.region.clone(),
                tags: Tags::new(),
                enabled: answer.ebs_encryption_by_default().unwrap_or(false),
            }
            .into(),
        ),
        Err(e) => out.gaps.push(ctx.gap("GetEbsEncryptionByDefault", &e)),
    }
    out
}

async fn volumes(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> Collected {
    let mut out = Collected::default();
    let read = ctx
        .pages(
            "DescribeVolumes",
            ec2.describe_volumes()
                .max_results(500)
                .into_paginator()
                .send(),
            |page| {
                out.found.extend(
                    page.volumes()
                        .iter()
                        .filter_map(|v| volume_of(ctx, v))
                        .map(Into::into),
                )
            },
        )
        .await;
    out.absorb(read);
    out
}

fn volume_of(ctx: &UnitCtx, v: &Volume) -> Option<EbsVolume> {
    let id = v.volume_id()?.to_string();
    Some(EbsVolume {
        arn: ctx.arn("ec2", &format!("volume/{id}")),
        id,
        region: ctx.region.clone(),
        tags: super::tags(v.tags()),
        volume_type: v
            .volume_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        size_gib: v.size().unwrap_or(0).max(0) as u32,
        iops: v.iops().map(|i| i.max(0) as u32),
        throughput_mibps: v.throughput().map(|t| t.max(0) as u32),
        encrypted: v.encrypted().unwrap_or(false),
        kms_key_id: v.kms_key_id().map(String::from),
        state: v
            .state()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        attached_instance_ids: v
            .attachments()
            .iter()
            .filter_map(|a| a.instance_id().map(String::from))
            .collect(),
        availability_zone: v.availability_zone().unwrap_or_default().to_string(),
        created_at: v.create_time().and_then(time),
        unknown: Default::default(),
    })
}

/// The account's snapshots, and separately those every AWS account may restore (public);
/// with whether the account's own list was read to the end.
async fn snapshots(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> (Collected, bool) {
    let (owned, public) = tokio::join!(
        list_snapshots(
            ctx,
            ec2.describe_snapshots().owner_ids("self").max_results(1000)
        ),
        list_snapshots(
            ctx,
            ec2.describe_snapshots()
                .owner_ids("self")
                .restorable_by_user_ids("all")
                .max_results(1000)
        ),
    );
    let listed = owned.whole();
    let public_unread = !public.whole();
    let mut out = Collected::default();
    let mut found = out.absorb(owned);
    let public = out.absorb(public);
    for snapshot in &mut found {
        snapshot.public = public.iter().any(|p| p.id == snapshot.id);
        if public_unread && !snapshot.public {
            snapshot.unknown.mark(Fact::Public);
        }
    }
    out.found.extend(found.into_iter().map(Into::into));
    (out, listed)
}

async fn list_snapshots(
    ctx: &UnitCtx,
    request: aws_sdk_ec2::operation::describe_snapshots::builders::DescribeSnapshotsFluentBuilder,
) -> Partial<Vec<EbsSnapshot>> {
    ctx.list(
        "DescribeSnapshots",
        request.into_paginator().send(),
        |page| {
            page.snapshots()
                .iter()
                .filter_map(|s| snapshot_of(ctx, s))
                .collect()
        },
    )
    .await
}

fn snapshot_of(ctx: &UnitCtx, s: &Snapshot) -> Option<EbsSnapshot> {
    let id = s.snapshot_id()?.to_string();
    Some(EbsSnapshot {
        arn: ctx.arn("ec2", &format!("snapshot/{id}")),
        id,
        region: ctx.region.clone(),
        tags: super::tags(s.tags()),
        volume_id: s.volume_id().map(String::from),
        size_gib: s.volume_size().unwrap_or(0).max(0) as u32,
        encrypted: s.encrypted().unwrap_or(false),
        started_at: s.start_time().and_then(time),
        public: false,
        shared_with: Vec::new(),
        unknown: Default::default(),
    })
}
