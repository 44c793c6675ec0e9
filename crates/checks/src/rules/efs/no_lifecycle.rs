//! EFS file systems that keep every file in the Standard class however long it goes unread,
//! when Infrequent Access stores it for a fraction of the price and energy.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

/// File systems smaller than this are not worth a finding.
const MIN_BYTES: u64 = 10_000_000_000;

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "efs.no_lifecycle",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS04-BP03",
        reads: &[
            "elasticfilesystem:DescribeFileSystems",
            "elasticfilesystem:DescribeLifecycleConfiguration",
        ],
        facts: &[Fact::LifecycleToIa],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "EFS file system has no lifecycle policy",
        action: "Move files unread for 30 days to EFS Infrequent Access",
        remediation: "Add a lifecycle policy that moves files to Infrequent Access after 30 days and back on \
            first access. Console: EFS > File systems > {id} > Edit > Lifecycle management. CLI: aws efs \
            put-lifecycle-configuration --region {region} --file-system-id {id} --lifecycle-policies \
            TransitionToIA=AFTER_30_DAYS TransitionToPrimaryStorageClass=AFTER_1_ACCESS",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, fs) in ctx.each(Resource::as_efs_file_system) {
        if fs.size_bytes < MIN_BYTES || out.unknown(resource, &[Fact::LifecycleToIa]) {
            continue;
        }
        out.record(resource, fs.lifecycle_to_ia, || {
            format!(
                "{:.0} GB all in the Standard storage class, no lifecycle policy",
                fs.size_bytes as f64 / 1e9
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::efs::fs;
    use crate::testing::failing;

    #[test]
    fn flags_large_file_systems_without_tiering() {
        let flat = fs("fs-1", |f| f.lifecycle_to_ia = false);
        let tiered = fs("fs-2", |_| {});
        let small = fs("fs-3", |f| {
            f.lifecycle_to_ia = false;
            f.size_bytes = 1_000_000;
        });
        assert_eq!(failing(&CHECK, vec![flat, tiered, small]), ["fs-1"]);
    }
}
