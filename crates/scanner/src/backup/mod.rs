//! AWS Backup: the region's backup plans and what each backs up (one resource per region whose
//! plans were listed, so "none" is a fact) and its vaults with their recovery points and Vault
//! Lock.

use serde_json::Value;
use wellscan_aws::rest::{self as api, label};
use wellscan_model::{BackupPlans, BackupSelection, BackupVault, Fact, TagCondition};

use crate::json::{flag, int, items, str, strings, text};
use crate::unit::{Collected, Paging, Partial, UnitCtx};

/// AWS Backup's client.
type Backup = api::Client<api::Backup>;

/// `nextToken` in the request, `NextToken` in the answer.
const NEXT_TOKEN: Paging = Paging {
    request: "nextToken",
    answer: "NextToken",
};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "backup"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let backup = ctx.client::<Backup>();
    let mut plans: Vec<(String, String)> = Vec::new();
    let mut vaults = Vec::new();
    let (read_plans, read_vaults) = tokio::join!(
        crate::rest::pages(
            ctx,
            &backup,
            "ListBackupPlans",
            "/backup/plans",
            &[],
            NEXT_TOKEN,
            |page| {
                plans.extend(items(&page, "BackupPlansList").filter_map(|p| {
                    Some((
                        str(p, "BackupPlanId")?.to_string(),
                        text(p, "BackupPlanName"),
                    ))
                }))
            }
        ),
        crate::rest::pages(
            ctx,
            &backup,
            "ListBackupVaults",
            "/backup-vaults",
            &[],
            NEXT_TOKEN,
            |page| {
                vaults.extend(items(&page, "BackupVaultList").filter_map(|v| {
                    Some(BackupVault {
                        id: str(v, "BackupVaultName")?.to_string(),
                        arn: str(v, "BackupVaultArn")?.to_string(),
                        region: ctx.region.clone(),
                        recovery_points: int(v, "NumberOfRecoveryPoints")
                            .map_or(0, |n| u64::try_from(n).unwrap_or(0)),
                        locked: flag(v, "Locked"),
                        encryption_key_arn: str(v, "EncryptionKeyArn").map(String::from),
                        ..Default::default()
                    })
                }))
            }
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
async fn copy_destinations(ctx: &UnitCtx, backup: &Backup, plan_id: &str) -> Partial<Vec<String>> {
    let path = format!("/backup/plans/{}", label(plan_id));
    match backup.get("GetBackupPlan", &path, &[]).await {
        Ok(got) => {
            let rules = got.get("BackupPlan").map(|p| items(p, "Rules"));
            let found = rules
                .into_iter()
                .flatten()
                .flat_map(|r| items(r, "CopyActions"))
                .filter_map(|c| str(c, "DestinationBackupVaultArn").map(String::from))
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
    backup: &Backup,
    plan_id: &str,
    plan: &str,
) -> Partial<Vec<BackupSelection>> {
    let path = format!("/backup/plans/{}/selections", label(plan_id));
    let mut ids = Vec::new();
    let mut out = crate::rest::pages(
        ctx,
        backup,
        "ListBackupSelections",
        &path,
        &[],
        NEXT_TOKEN,
        |page| {
            ids.extend(
                items(&page, "BackupSelectionsList")
                    .filter_map(|s| str(s, "SelectionId").map(String::from)),
            )
        },
    )
    .await;
    let mut found = Vec::new();
    if !out.whole() {
        return out.map(|()| found);
    }
    for id in ids {
        out.depth += 1;
        let got = backup
            .get("GetBackupSelection", &format!("{path}/{}", label(&id)), &[])
            .await;
        match got {
            Ok(got) => found.extend(got.get("BackupSelection").map(|s| selection(plan, s))),
            Err(e) => {
                out.gaps.push(ctx.gap("GetBackupSelection", &e));
                break;
            }
        }
    }
    out.map(|()| found)
}

fn selection(plan: &str, s: &Value) -> BackupSelection {
    let condition = |operator: &str, p: &Value| TagCondition {
        operator: operator.to_string(),
        key: tag_key(str(p, "ConditionKey").unwrap_or_default()),
        value: text(p, "ConditionValue"),
    };
    let mut all_conditions = Vec::new();
    if let Some(c) = s.get("Conditions") {
        for operator in [
            "StringEquals",
            "StringNotEquals",
            "StringLike",
            "StringNotLike",
        ] {
            all_conditions.extend(items(c, operator).map(|p| condition(operator, p)));
        }
    }
    BackupSelection {
        plan: plan.to_string(),
        name: text(s, "SelectionName"),
        resources: strings(s, "Resources"),
        not_resources: strings(s, "NotResources"),
        // ListOfTags has one condition type, STRINGEQUALS.
        any_tags: items(s, "ListOfTags")
            .map(|c| condition("StringEquals", c))
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
