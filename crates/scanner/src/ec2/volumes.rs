use wellscan_aws::query::Element;

use super::Ec2;
use wellscan_model::{EbsEncryptionDefault, EbsSnapshot, EbsVolume, Fact, Resource, Tags};

use crate::unit::{Collected, Partial, UnitCtx};

/// DescribeVolumes, the account's own snapshots and the region's EBS encryption default, side by
/// side.
#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ebs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ec2 = ctx.client::<Ec2>();
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
async fn ebs_default(ctx: &UnitCtx, ec2: &Ec2) -> Collected {
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    match ec2.call("GetEbsEncryptionByDefault", &[]).await {
        Ok(answer) => out.found.push(
            EbsEncryptionDefault {
                unknown: Default::default(),
                id: "ebs-encryption-by-default".into(),
                arn: ctx.arn("ec2", "ebs-encryption-by-default"),
                region: ctx.region.clone(),
                tags: Tags::new(),
                enabled: answer.bool("ebsEncryptionByDefault").unwrap_or(false),
            }
            .into(),
        ),
        Err(e) => out.gaps.push(ctx.gap("GetEbsEncryptionByDefault", &e)),
    }
    out
}

async fn volumes(ctx: &UnitCtx, ec2: &Ec2) -> Collected {
    let mut out = Collected::default();
    let read = super::pages(
        ctx,
        ec2,
        "DescribeVolumes",
        &[("MaxResults", "500")],
        |page| {
            out.found.extend(
                page.items("volumeSet")
                    .filter_map(|v| volume_of(ctx, v))
                    .map(Into::into),
            )
        },
    )
    .await;
    out.absorb(read);
    out
}

fn volume_of(ctx: &UnitCtx, v: &Element) -> Option<EbsVolume> {
    let id = v.text("volumeId")?.to_string();
    let count = |name| {
        v.int(name)
            .map(|n| u32::try_from(n.max(0)).unwrap_or(u32::MAX))
    };
    Some(EbsVolume {
        arn: ctx.arn("ec2", &format!("volume/{id}")),
        id,
        region: ctx.region.clone(),
        tags: super::tags(v),
        volume_type: v.text("volumeType").unwrap_or_default().to_string(),
        size_gib: count("size").unwrap_or(0),
        iops: count("iops"),
        throughput_mibps: count("throughput"),
        encrypted: v.bool("encrypted").unwrap_or(false),
        kms_key_id: v.text("kmsKeyId").map(String::from),
        state: v.text("status").unwrap_or_default().to_string(),
        attached_instance_ids: v
            .items("attachmentSet")
            .filter_map(|a| a.text("instanceId").map(String::from))
            .collect(),
        availability_zone: v.text("availabilityZone").unwrap_or_default().to_string(),
        created_at: crate::query::time(v, "createTime"),
        unknown: Default::default(),
    })
}

/// The account's snapshots, and separately those every AWS account may restore (public);
/// with whether the account's own list was read to the end.
async fn snapshots(ctx: &UnitCtx, ec2: &Ec2) -> (Collected, bool) {
    let (owned, public) = tokio::join!(
        list_snapshots(ctx, ec2, &[("Owner.1", "self"), ("MaxResults", "1000")]),
        list_snapshots(
            ctx,
            ec2,
            &[
                ("Owner.1", "self"),
                ("RestorableBy.1", "all"),
                ("MaxResults", "1000")
            ]
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
    ec2: &Ec2,
    params: &[(&str, &str)],
) -> Partial<Vec<EbsSnapshot>> {
    super::list(ctx, ec2, "DescribeSnapshots", params, |page| {
        page.items("snapshotSet")
            .filter_map(|s| snapshot_of(ctx, s))
            .collect()
    })
    .await
}

fn snapshot_of(ctx: &UnitCtx, s: &Element) -> Option<EbsSnapshot> {
    let id = s.text("snapshotId")?.to_string();
    Some(EbsSnapshot {
        arn: ctx.arn("ec2", &format!("snapshot/{id}")),
        id,
        region: ctx.region.clone(),
        tags: super::tags(s),
        volume_id: s.text("volumeId").map(String::from),
        size_gib: s
            .int("volumeSize")
            .map_or(0, |n| u32::try_from(n.max(0)).unwrap_or(u32::MAX)),
        encrypted: s.bool("encrypted").unwrap_or(false),
        started_at: crate::query::time(s, "startTime"),
        public: false,
        shared_with: Vec::new(),
        unknown: Default::default(),
    })
}
