//! EFS file systems without automatic backups.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "efs.backup_off",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL09-BP03",
        reads: &[
            "elasticfilesystem:DescribeFileSystems",
            "elasticfilesystem:DescribeBackupPolicy",
        ],
        facts: &[Fact::AutomaticBackups],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "EFS file system has automatic backups off",
        action: "Turn on automatic backups for EFS file systems",
        remediation: "Turn on automatic backups (daily, 35-day retention, in the AWS Backup default vault) or \
            add the file system to a backup plan. Console: EFS > File systems > {id} > Edit > Automatic backups. \
            CLI: aws efs put-backup-policy --region {region} --file-system-id {id} --backup-policy \
            Status=ENABLED",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, fs) in ctx.each(Resource::as_efs_file_system) {
        if out.unknown(resource, &[Fact::AutomaticBackups]) {
            continue;
        }
        out.record(resource, fs.automatic_backups, || {
            format!(
                "{:.1} GB with automatic backups off",
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
    fn flags_file_systems_without_backups() {
        let off = fs("fs-1", |f| f.automatic_backups = false);
        let on = fs("fs-2", |_| {});
        let unread = fs("fs-3", |f| {
            f.automatic_backups = false;
            f.unknown.mark(Fact::AutomaticBackups);
        });
        assert_eq!(failing(&CHECK, vec![off, on, unread]), ["fs-1"]);
    }
}
