//! EFS file systems that nothing backs up: automatic backups off, and no AWS Backup plan of
//! the region assigns them (the remediation's other way). Whether a plan assigns one is
//! unknown when the region's plans or their assignments could not be read.

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
            "backup:ListBackupPlans",
            "backup:ListBackupSelections",
            "backup:GetBackupSelection",
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
    let plans = crate::rules::backup::plans_by_region(ctx);
    for (resource, fs) in ctx.each(Resource::as_efs_file_system) {
        if out.unknown(resource, &[Fact::AutomaticBackups]) {
            continue;
        }
        if fs.automatic_backups {
            out.pass();
            continue;
        }
        match crate::rules::backup::protected(plans.get(fs.region.as_str()).copied(), resource) {
            Some(true) => out.pass(),
            Some(false) => out.fail(
                resource,
                format!(
                    "{:.1} GB with automatic backups off, and no backup plan assigns it",
                    fs.size_bytes as f64 / 1e9
                ),
            ),
            None => out.skip(resource),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wellscan_model::{BackupSelection, TagCondition};

    use crate::rules::backup::{plans, selecting};
    use crate::rules::efs::fs;
    use crate::testing::{failing, outcome};

    #[test]
    fn flags_file_systems_without_backups() {
        let off = fs("fs-1", |f| f.automatic_backups = false);
        let on = fs("fs-2", |_| {});
        let unread = fs("fs-3", |f| {
            f.automatic_backups = false;
            f.unknown.mark(Fact::AutomaticBackups);
        });
        let no_plan = plans("us-east-1", 0, None);
        assert_eq!(failing(&CHECK, vec![off, on, unread, no_plan]), ["fs-1"]);
    }

    #[test]
    fn a_file_system_a_backup_plan_assigns_is_backed_up() {
        let arn =
            |id: &str| format!("arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/{id}");
        let in_plan = fs("fs-1", |f| {
            f.automatic_backups = false;
            f.arn = arn("fs-1");
        });
        let tagged = fs("fs-2", |f| {
            f.automatic_backups = false;
            f.arn = arn("fs-2");
            f.tags.insert("Backup".into(), "daily".into());
        });
        let outside = fs("fs-3", |f| {
            f.automatic_backups = false;
            f.arn = arn("fs-3");
        });
        let by_tag = BackupSelection {
            any_tags: vec![TagCondition {
                operator: "StringEquals".into(),
                key: "Backup".into(),
                value: "daily".into(),
            }],
            ..selecting(&[])
        };
        let region = plans(
            "us-east-1",
            1,
            Some(vec![
                selecting(&["arn:aws:elasticfilesystem:*:*:file-system/fs-1"]),
                by_tag,
            ]),
        );
        assert_eq!(
            failing(&CHECK, vec![in_plan, tagged, outside, region]),
            ["fs-3"]
        );
    }

    #[test]
    fn a_file_system_is_not_judged_when_the_plans_assignments_were_not_read() {
        let off = fs("fs-1", |f| f.automatic_backups = false);
        let unread = plans("us-east-1", 2, None);
        let out = outcome(&CHECK, vec![off.clone(), unread]);
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 1));
        // Nor when the region's plans were not listed at all.
        let out = outcome(&CHECK, vec![off]);
        assert_eq!((out.evaluated(), out.not_evaluated()), (0, 1));
    }
}
