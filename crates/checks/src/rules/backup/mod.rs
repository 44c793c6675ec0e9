pub mod no_cross_region_copy;
pub mod region_without_plan;
pub mod vault_unlocked;

use std::collections::HashMap;

use wellscan_model::{BackupPlans, Resource};

use crate::Context;

/// Each region's backup plans record, by region: looked up once per check, not per resource.
pub(crate) fn plans_by_region<'a>(ctx: &Context<'a>) -> HashMap<&'a str, &'a BackupPlans> {
    ctx.each(Resource::as_backup_plans)
        .map(|(_, p)| (p.region.as_str(), p))
        .collect()
}

/// Whether a backup plan of `resource`'s region (`plans`, that region's record) backs it up:
/// `Some(true)` when one of the plans' resource assignments covers it, `Some(false)` when the
/// region's plans were read and none does, `None` when the plans or their assignments were not
/// read.
pub(crate) fn protected(plans: Option<&BackupPlans>, resource: &Resource) -> Option<bool> {
    let plans = plans?;
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
