//! AWS Backup: the region's backup plans and what each backs up (one resource per region whose
//! plans were listed, so "none" is a fact) and its vaults with their recovery points and Vault
//! Lock.

use aws_sdk_backup::types::{BackupSelection as SdkSelection, Condition, ConditionParameter};
use wellscan_model::{BackupPlans, BackupSelection, BackupVault, Fact, TagCondition};

use crate::unit::{Collected, Partial, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "backup"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let backup = ctx.client::<aws_sdk_backup::Client>();
    let mut plans: Vec<(String, String)> = Vec::new();
    let mut vaults = Vec::new();
    let (read_plans, read_vaults) = tokio::join!(
        ctx.pages(
            "ListBackupPlans",
            backup.list_backup_plans().into_paginator().send(),
            |page| {
                plans.extend(page.backup_plans_list().iter().filter_map(|p| {
                    Some((
                        p.backup_plan_id()?.to_string(),
                        p.backup_plan_name().unwrap_or_default().to_string(),
                    ))
                }))
            },
        ),
        ctx.pages(
            "ListBackupVaults",
            backup.list_backup_vaults().into_paginator().send(),
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
    out.absorb(read_plans);
    out.absorb(read_vaults);
    if plans_read {
        let mut record = BackupPlans {
            id: "backup-plans".into(),
            arn: ctx.arn("backup", "backup-plan/*"),
            region: ctx.region.clone(),
            plans: crate::unit::count(plans.len()),
            ..Default::default()
        };
        // Each plan's assignments and its rules, side by side.
        let read = ctx
            .fan_out(plans, |(id, name)| {
                let backup = backup.clone();
                async move {
                    tokio::join!(
                        selections(ctx, &backup, &id, &name),
                        copy_destinations(ctx, &backup, &id)
                    )
                }
            })
            .await;
        let (mut all, mut destinations) = (Vec::new(), Vec::new());
        let (mut assigned, mut copied) = (true, true);
        let mut longest = 0;
        for (mut plan, mut copies) in read {
            longest = longest.max(plan.depth).max(copies.depth);
            match plan.take_whole() {
                Some(found) => all.extend(found),
                None => assigned = false,
            }
            match copies.take_whole() {
                Some(found) => destinations.extend(found),
                None => copied = false,
            }
            out.gaps.extend(plan.gaps);
            out.gaps.extend(copies.gaps);
        }
        out.depth += longest;
        if assigned {
            record.selections = Some(all);
        } else {
            record.unknown.mark(Fact::BackupSelections);
        }
        if copied {
            destinations.sort();
            destinations.dedup();
            record.copy_destinations = Some(destinations);
        } else {
            record.unknown.mark(Fact::CopyDestinations);
        }
        out.found.push(record.into());
    }
    out.found.extend(vaults.into_iter().map(Into::into));
    out
}

/// The vaults one plan's rules copy recovery points to (GetBackupPlan).
async fn copy_destinations(
    ctx: &UnitCtx,
    backup: &aws_sdk_backup::Client,
    plan_id: &str,
) -> Partial<Vec<String>> {
    match backup
        .get_backup_plan()
        .backup_plan_id(plan_id)
        .send()
        .await
    {
        Ok(got) => {
            let rules = got.backup_plan().map(|p| p.rules()).unwrap_or_default();
            let found = rules
                .iter()
                .flat_map(|r| r.copy_actions())
                .map(|c| c.destination_backup_vault_arn().to_string())
                .collect();
            Partial::called(found, Vec::new())
        }
        Err(e) => Partial::called(Vec::new(), vec![ctx.gap("GetBackupPlan", &e)]),
    }
}

/// One plan's resource assignments: ListBackupSelections, then GetBackupSelection for each,
/// one after the other.
async fn selections(
    ctx: &UnitCtx,
    backup: &aws_sdk_backup::Client,
    plan_id: &str,
    plan: &str,
) -> Partial<Vec<BackupSelection>> {
    let pages = backup
        .list_backup_selections()
        .backup_plan_id(plan_id)
        .into_paginator()
        .send();
    let mut out = ctx
        .list("ListBackupSelections", pages, |page| {
            page.backup_selections_list()
                .iter()
                .filter_map(|s| s.selection_id().map(String::from))
                .collect()
        })
        .await;
    let ids = std::mem::take(&mut out.found);
    let mut found = Vec::new();
    if !out.whole() {
        return out.map(|_| found);
    }
    for id in ids {
        out.depth += 1;
        let got = backup
            .get_backup_selection()
            .backup_plan_id(plan_id)
            .selection_id(&id)
            .send()
            .await;
        match got {
            Ok(got) => found.extend(got.backup_selection().map(|s| selection(plan, s))),
            Err(e) => {
                out.gaps.push(ctx.gap("GetBackupSelection", &e));
                break;
            }
        }
    }
    out.map(|_| found)
}

fn selection(plan: &str, s: &SdkSelection) -> BackupSelection {
    let condition = |operator: &str, p: &ConditionParameter| TagCondition {
        operator: operator.to_string(),
        key: tag_key(p.condition_key().unwrap_or_default()),
        value: p.condition_value().unwrap_or_default().to_string(),
    };
    let mut all_conditions = Vec::new();
    if let Some(c) = s.conditions() {
        for (operator, list) in [
            ("StringEquals", c.string_equals()),
            ("StringNotEquals", c.string_not_equals()),
            ("StringLike", c.string_like()),
            ("StringNotLike", c.string_not_like()),
        ] {
            all_conditions.extend(list.iter().map(|p| condition(operator, p)));
        }
    }
    BackupSelection {
        plan: plan.to_string(),
        name: s.selection_name().to_string(),
        resources: s.resources().to_vec(),
        not_resources: s.not_resources().to_vec(),
        any_tags: s
            .list_of_tags()
            .iter()
            .map(|c: &Condition| TagCondition {
                // ListOfTags has one condition type, STRINGEQUALS.
                operator: "StringEquals".into(),
                key: tag_key(c.condition_key()),
                value: c.condition_value().to_string(),
            })
            .collect(),
        all_conditions,
    }
}

/// A condition key without its `aws:ResourceTag/` prefix.
fn tag_key(key: &str) -> String {
    key.strip_prefix("aws:ResourceTag/")
        .unwrap_or(key)
        .to_string()
}
