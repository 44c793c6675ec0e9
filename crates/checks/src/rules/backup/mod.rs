pub mod region_without_plan;
pub mod vault_unlocked;

use wellscan_model::Resource;

use crate::Context;

/// Whether a backup plan of `resource`'s region backs it up: `Some(true)` when one of the
/// plans' resource assignments covers it, `Some(false)` when the region's plans were read and
/// none does, `None` when the plans or their assignments were not read.
pub(crate) fn protected(ctx: &Context<'_>, resource: &Resource) -> Option<bool> {
    let (_, plans) = ctx
        .each(Resource::as_backup_plans)
        .find(|(_, p)| p.region == resource.region())?;
    if plans.plans == 0 {
        return Some(false);
    }
    let selections = plans.selections.as_ref()?;
    Some(
        selections
            .iter()
            .any(|s| s.covers(resource.arn(), resource.tags())),
    )
}

/// The region's backup plans record: `plans` plans with these assignments.
#[cfg(test)]
pub(crate) fn plans(
    region: &str,
    plans: u32,
    selections: Option<Vec<wellscan_model::BackupSelection>>,
) -> Resource {
    wellscan_model::BackupPlans {
        id: "backup-plans".into(),
        region: region.into(),
        plans,
        selections,
        ..Default::default()
    }
    .into()
}

/// An assignment of the plan `daily` by ARN patterns.
#[cfg(test)]
pub(crate) fn selecting(resources: &[&str]) -> wellscan_model::BackupSelection {
    wellscan_model::BackupSelection {
        plan: "daily".into(),
        name: "all".into(),
        resources: resources.iter().map(|r| r.to_string()).collect(),
        ..Default::default()
    }
}
