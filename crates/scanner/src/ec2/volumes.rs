use aws_sdk_ec2::types::{Snapshot, Volume};
use wellscan_model::{EbsSnapshot, EbsVolume, Fact, Resource};

use crate::unit::{Collected, UnitCtx, drain, time};

/// DescribeVolumes and the account's own snapshots, side by side.
#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ebs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ec2 = ctx.client::<aws_sdk_ec2::Client>();
    let (mut out, snapshots) = tokio::join!(volumes(ctx, &ec2), snapshots(ctx, &ec2));
    let (snapshots, listed) = snapshots;
    // Without the whole snapshot list, a volume with none listed may still have one.
    if !listed {
        for v in &mut out.resources {
            if let Resource::EbsVolume(v) = v {
                v.unknown.mark(Fact::Snapshots);
            }
        }
    }
    out.merge(snapshots);
    out
}

async fn volumes(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> Collected {
    let mut out = Collected::default();
    let read = drain(
        ec2.describe_volumes()
            .max_results(500)
            .into_paginator()
            .send(),
        ctx,
        ("ebs", "DescribeVolumes"),
        |page| {
            out.resources.extend(
                page.volumes()
                    .iter()
                    .filter_map(|v| volume_of(ctx, v))
                    .map(Into::into),
            )
        },
    )
    .await;
    out.merge(read);
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
    let (mut found, mut out) = owned;
    let listed = out.gaps.is_empty();
    let (public, public_out) = public;
    let public_unread = !public_out.gaps.is_empty();
    out.gaps.extend(public_out.gaps);
    out.depth = out.depth.max(public_out.depth);
    for snapshot in &mut found {
        snapshot.public = public.iter().any(|p| p.id == snapshot.id);
        if public_unread && !snapshot.public {
            snapshot.unknown.mark(Fact::Public);
        }
    }
    out.resources.extend(found.into_iter().map(Into::into));
    (out, listed)
}

async fn list_snapshots(
    ctx: &UnitCtx,
    request: aws_sdk_ec2::operation::describe_snapshots::builders::DescribeSnapshotsFluentBuilder,
) -> (Vec<EbsSnapshot>, Collected) {
    let mut out = Collected::default();
    let mut found = Vec::new();
    let read = drain(
        request.into_paginator().send(),
        ctx,
        ("ebs", "DescribeSnapshots"),
        |page| found.extend(page.snapshots().iter().filter_map(|s| snapshot_of(ctx, s))),
    )
    .await;
    out.merge(read);
    (found, out)
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
