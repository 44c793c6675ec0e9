//! EFS file systems created without encryption at rest (it cannot be turned on later).

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "efs.unencrypted",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &["elasticfilesystem:DescribeFileSystems"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "EFS file system is not encrypted at rest",
        action: "Move data to an encrypted EFS file system",
        remediation: "Encryption is chosen at creation: create an encrypted file system, copy the data with AWS \
            DataSync, switch the mounts, then delete the old one. Console: EFS > Create file system > \
            Customize > Enable encryption. CLI: aws efs create-file-system --region {region} --encrypted \
            --tags Key=Name,Value=NAME",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, fs) in ctx.each(Resource::as_efs_file_system) {
        out.record(resource, fs.encrypted, || {
            format!("{:.1} GB stored unencrypted", fs.size_bytes as f64 / 1e9)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::efs::fs;
    use crate::testing::failing;

    #[test]
    fn flags_unencrypted_file_systems() {
        let plain = fs("fs-1", |f| f.encrypted = false);
        let encrypted = fs("fs-2", |_| {});
        assert_eq!(failing(&CHECK, vec![plain, encrypted]), ["fs-1"]);
    }
}
