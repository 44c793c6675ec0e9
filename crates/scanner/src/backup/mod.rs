//! AWS Backup: how many backup plans the region has (one resource per region whose plans were
//! listed, so "none" is a fact) and its vaults with their recovery points and Vault Lock.

use wellscan_model::{BackupPlans, BackupVault};

use crate::unit::{Collected, UnitCtx, client, drain};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "backup"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let backup = client!(aws_sdk_backup, ctx);
    let mut plans = 0u32;
    let mut vaults = Vec::new();
    let (read_plans, read_vaults) = tokio::join!(
        drain(
            backup.list_backup_plans().into_paginator().send(),
            ctx,
            ("backup", "ListBackupPlans"),
            |page| plans += u32::try_from(page.backup_plans_list().len()).unwrap_or(u32::MAX),
        ),
        drain(
            backup.list_backup_vaults().into_paginator().send(),
            ctx,
            ("backup", "ListBackupVaults"),
            |page| {
                vaults.extend(page.backup_vault_list().iter().filter_map(|v| {
                    Some(BackupVault {
                        id: v.backup_vault_name()?.to_string(),
                        arn: v.backup_vault_arn()?.to_string(),
                        region: ctx.region.clone(),
                        recovery_points: u64::try_from(v.number_of_recovery_points()).unwrap_or(0),
                        locked: v.locked().unwrap_or(false),
                        encryption_key_arn: v.encryption_key_arn().map(String::from),
                        ..Default::default()
                    })
                }))
            },
        ),
    );
    let plans_read = read_plans.gaps.is_empty();
    let mut out = Collected::default();
    out.merge(read_plans);
    out.merge(read_vaults);
    if plans_read {
        out.resources.push(
            BackupPlans {
                id: "backup-plans".into(),
                arn: ctx.arn("backup", "backup-plan/*"),
                region: ctx.region.clone(),
                plans,
                ..Default::default()
            }
            .into(),
        );
    }
    out.resources.extend(vaults.into_iter().map(Into::into));
    out
}
