//! EBS snapshots anyone can copy, or shared with other accounts.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ebs.snapshot_public",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP07",
        reads: &["ec2:DescribeSnapshots"],
        facts: &[Fact::Public],
        severity: Severity::Critical,
        fix: FixEffect::Neutral,
        title: "EBS snapshot is public or shared",
        action: "Remove public and unexpected account permissions from snapshots",
        remediation: "Remove the createVolumePermission for all (and for accounts that should not have it). Console: EC2 > Snapshots > {id} > Actions > Snapshot settings > Modify permissions > Private. CLI: aws ec2 modify-snapshot-attribute --region {region} --snapshot-id {id} --attribute createVolumePermission --operation-type remove --group-names all",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_ebs_snapshot) {
        // Shared with named accounts is a failure whether or not `public` was read.
        if s.shared_with.is_empty() && out.unknown(resource, &[Fact::Public]) {
            continue;
        }
        let passed = !s.public && s.shared_with.is_empty();
        out.record(resource, passed, || {
            if s.public {
                format!("{} GiB snapshot restorable by any AWS account", s.size_gib)
            } else {
                format!("shared with accounts {}", s.shared_with.join(", "))
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::EbsSnapshot;

    #[test]
    fn flags_public_and_shared_snapshots() {
        let snap = |id: &str, public: bool, shared: &[&str]| -> Resource {
            EbsSnapshot {
                id: id.into(),
                region: "us-east-1".into(),
                public,
                shared_with: shared.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                snap("snap-pub", true, &[]),
                snap("snap-shared", false, &["111122223333"]),
                snap("snap-private", false, &[]),
            ],
        );
        assert_eq!(fails, ["snap-pub", "snap-shared"]);
    }
}
