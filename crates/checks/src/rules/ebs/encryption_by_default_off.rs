//! Regions where new EBS volumes are created unencrypted unless someone remembers.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ebs.encryption_by_default_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP03",
        reads: &["ec2:GetEbsEncryptionByDefault"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "EBS encryption by default is off in this region",
        action: "Turn on EBS encryption by default in every region",
        remediation: "Turn on encryption by default so every new volume and snapshot copy is encrypted. Console: EC2 > \
            Settings > Data protection and security > EBS encryption. CLI: aws ec2 enable-ebs-encryption-by-default \
            --region {region}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, setting) in ctx.each(Resource::as_ebs_encryption_default) {
        out.record(resource, setting.enabled, || {
            "new volumes are not encrypted unless asked".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::EbsEncryptionDefault;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_regions_without_default_encryption() {
        let setting = |region: &str, enabled| -> Resource {
            EbsEncryptionDefault {
                id: "ebs-encryption-by-default".into(),
                region: region.into(),
                enabled,
                ..Default::default()
            }
            .into()
        };
        let out = crate::testing::outcome(
            &CHECK,
            vec![setting("us-east-1", false), setting("eu-west-1", true)],
        );
        assert_eq!(out.failures().len(), 1);
        assert_eq!(failing(&CHECK, vec![setting("us-east-1", true)]).len(), 0);
    }
}
