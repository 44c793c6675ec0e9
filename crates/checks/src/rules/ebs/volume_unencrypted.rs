//! EBS volumes stored without encryption.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ebs.volume_unencrypted",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &["ec2:DescribeVolumes"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "EBS volume is not encrypted",
        action: "Encrypt EBS volumes and turn on encryption by default",
        remediation: "Snapshot the volume, copy the snapshot with encryption, create a volume from it and swap it \
            in; turn on EBS encryption by default so new volumes are encrypted. Console: EC2 > Volumes > {id}; \
            EC2 > Settings > EBS encryption. CLI: aws ec2 enable-ebs-encryption-by-default --region {region}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, volume) in ctx.each(Resource::as_ebs_volume) {
        out.record(resource, volume.encrypted, || {
            let attached = match volume.attached_instance_ids.as_slice() {
                [] => "not attached".to_string(),
                ids => format!("attached to {}", ids.join(", ")),
            };
            format!(
                "{} GiB {} volume unencrypted, {attached}",
                volume.size_gib, volume.volume_type
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::EbsVolume;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_unencrypted_volumes() {
        let volume = |id: &str, encrypted| -> Resource {
            EbsVolume {
                id: id.into(),
                encrypted,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![volume("vol-plain", false), volume("vol-kms", true)]
            ),
            ["vol-plain"]
        );
    }
}
