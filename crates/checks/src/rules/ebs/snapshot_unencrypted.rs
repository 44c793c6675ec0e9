//! EBS snapshots stored without encryption.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ebs.snapshot_unencrypted",
        pillar: Pillar::Security,
        related: &[Pillar::Reliability],
        best_practice: "SEC08-BP02",
        reads: &["ec2:DescribeSnapshots"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "EBS snapshot is not encrypted",
        action: "Copy snapshots with encryption and delete the plain ones",
        remediation: "Copy the snapshot with encryption, then delete the unencrypted original. Console: EC2 > Snapshots > {id} > Actions > Copy snapshot > Encrypt this snapshot. CLI: aws ec2 copy-snapshot --region {region} --source-region {region} --source-snapshot-id {id} --encrypted",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_ebs_snapshot) {
        out.record(resource, s.encrypted, || {
            format!(
                "{} GiB snapshot of {} is unencrypted",
                s.size_gib,
                s.volume_id.as_deref().unwrap_or("a deleted volume")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::EbsSnapshot;

    #[test]
    fn flags_unencrypted_snapshots() {
        let snap = |id: &str, encrypted: bool| -> Resource {
            EbsSnapshot {
                id: id.into(),
                region: "us-east-1".into(),
                encrypted,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![snap("snap-plain", false), snap("snap-enc", true)]
            ),
            ["snap-plain"]
        );
    }
}
