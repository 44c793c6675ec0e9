//! The demo account's AWS Backup: each region's plans and selections, vaults, and the twins
//! in us-east-1.

use super::*;

impl Gen {
    pub(super) fn backups(&mut self, region: &str) {
        let tagged = |key: &str, value: &str| TagCondition {
            operator: "StringEquals".into(),
            key: key.into(),
            value: value.into(),
        };
        let selections = match region {
            // Production data by tag, every table, and what is tagged for the daily plan.
            "us-east-1" => vec![
                BackupSelection {
                    plan: "daily-prod".into(),
                    name: "production".into(),
                    any_tags: vec![tagged("Environment", "prod"), tagged("Backup", "daily")],
                    ..Default::default()
                },
                BackupSelection {
                    plan: "weekly-tables".into(),
                    name: "tables".into(),
                    resources: vec!["arn:aws:dynamodb:*:*:table/*".into()],
                    ..Default::default()
                },
            ],
            "us-west-2" => vec![BackupSelection {
                plan: "dr-databases".into(),
                name: "databases".into(),
                resources: vec![
                    "arn:aws:rds:*:*:db:*".into(),
                    "arn:aws:rds:*:*:cluster:*".into(),
                ],
                ..Default::default()
            }],
            _ => Vec::new(),
        };
        let plans = match region {
            "us-east-1" => 2,
            "us-west-2" => 1,
            _ => 0,
        };
        self.resources.push(
            BackupPlans {
                id: "backup-plans".into(),
                arn: arn("backup", region, "backup-plan/*"),
                region: region.into(),
                plans,
                selections: Some(selections),
                // Virginia's daily plan copies to Oregon; Oregon's own plan keeps its copies home.
                copy_destinations: Some(if region == "us-east-1" {
                    vec![arn("backup", "us-west-2", "backup-vault:kumo-dr")]
                } else {
                    Vec::new()
                }),
                ..Default::default()
            }
            .into(),
        );
        if plans > 0 {
            let vault = |name: &str, points, locked| BackupVault {
                id: name.into(),
                arn: arn("backup", region, &format!("backup-vault:{name}")),
                region: region.into(),
                recovery_points: points,
                locked,
                encryption_key_arn: Some(arn("kms", region, "key/backup")),
                ..Default::default()
            };
            self.resources.push(vault("Default", 140, false).into());
            self.resources.push(vault("prod-locked", 420, true).into());
        }
    }

    /// The healthy twin of `efs.backup_off`: automatic backups off, and the daily plan assigns
    /// it by its `Backup` tag. Made after everything else, as `load_balancer_twins`.
    pub(super) fn backup_twins(&mut self) {
        let region = "us-east-1";
        let id = "fs-0d5e6f708192a3b4c";
        let fs = EfsFileSystem {
            id: id.into(),
            arn: arn("elasticfilesystem", region, &format!("file-system/{id}")),
            region: region.into(),
            tags: tags(&[("Owner", "team-data"), ("Backup", "daily")]),
            encrypted: true,
            automatic_backups: false,
            lifecycle_to_ia: true,
            throughput_mode: "elastic".into(),
            size_bytes: 12_000_000_000,
            mount_targets: 2,
            created_at: self.ago(300, 900),
            ..Default::default()
        };
        self.resources.push(fs.into());
    }
}
