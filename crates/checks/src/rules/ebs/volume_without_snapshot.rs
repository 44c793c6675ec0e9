//! Attached volumes with no snapshot at all: nothing to restore from.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ebs.volume_without_snapshot",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL09-BP03",
        reads: &["ec2:DescribeVolumes", "ec2:DescribeSnapshots"],
        facts: &[Fact::Snapshots],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "EBS volume has no snapshot",
        action: "Back volumes up (AWS Backup or Data Lifecycle Manager)",
        remediation: "Cover the volume with an AWS Backup plan or a Data Lifecycle Manager policy; take a first snapshot now. Console: AWS Backup > Backup plans, or EC2 > Volumes > {id} > Actions > Create snapshot. CLI: aws ec2 create-snapshot --region {region} --volume-id {id} --description first-backup",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let snapshotted: std::collections::HashSet<(&str, &str)> = ctx
        .each(Resource::as_ebs_snapshot)
        .filter_map(|(_, s)| s.volume_id.as_deref().map(|v| (s.region.as_str(), v)))
        .collect();
    for (resource, v) in ctx.each(Resource::as_ebs_volume) {
        if v.state != "in-use" || out.unknown(resource, &[Fact::Snapshots]) {
            continue;
        }
        out.record(
            resource,
            snapshotted.contains(&(v.region.as_str(), v.id.as_str())),
            || {
                format!(
                    "{} GiB {} volume with no snapshot",
                    v.size_gib, v.volume_type
                )
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{EbsSnapshot, EbsVolume};

    #[test]
    fn flags_in_use_volumes_no_snapshot_comes_from() {
        let vol = |id: &str, state: &str| -> Resource {
            EbsVolume {
                id: id.into(),
                region: "us-east-1".into(),
                state: state.into(),
                ..Default::default()
            }
            .into()
        };
        let snap: Resource = EbsSnapshot {
            id: "snap-1".into(),
            region: "us-east-1".into(),
            volume_id: Some("vol-backed".into()),
            ..Default::default()
        }
        .into();
        let fails = failing(
            &CHECK,
            vec![
                vol("vol-bare", "in-use"),
                vol("vol-backed", "in-use"),
                vol("vol-spare", "available"),
                snap,
            ],
        );
        assert_eq!(fails, ["vol-bare"]);
    }
}
