pub mod instance_unmanaged;
pub mod patches_missing;

use std::collections::HashMap;

use wellscan_model::{Ec2Instance, InstanceState, ManagedInstances, Resource};

use crate::{Context, Outcome};

/// The running EC2 instances, each with its region's Systems Manager fleet. An instance whose
/// region has none was not listed (the unit did not run, or its listing failed): what the fleet
/// would say about it is unknown, and it is counted not evaluated here.
pub(crate) fn running_instances<'a>(
    ctx: &Context<'a>,
    out: &mut Outcome,
) -> Vec<(&'a Resource, &'a Ec2Instance, &'a ManagedInstances)> {
    let fleets: HashMap<&str, &ManagedInstances> = ctx
        .each(Resource::as_ssm_managed_instances)
        .map(|(_, f)| (f.region.as_str(), f))
        .collect();
    let mut found = Vec::new();
    for (resource, i) in ctx.each(Resource::as_ec2_instance) {
        if i.state != InstanceState::Running {
            continue;
        }
        match fleets.get(i.region.as_str()) {
            Some(fleet) => found.push((resource, i, *fleet)),
            None => out.skip(resource),
        }
    }
    found
}

/// A region's fleet record with these instances.
#[cfg(test)]
pub(crate) fn fleet(region: &str, instances: Vec<wellscan_model::ManagedInstance>) -> Resource {
    ManagedInstances {
        id: "managed-instances".into(),
        arn: format!("arn:aws:ssm:{region}:123456789012:managed-instance/*"),
        region: region.into(),
        instances,
        ..Default::default()
    }
    .into()
}

/// The online managed instance `id`, scanned by Patch Manager three days before the scan with
/// nothing outstanding; `f` makes it what a test needs.
#[cfg(test)]
pub(crate) fn managed(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::ManagedInstance),
) -> wellscan_model::ManagedInstance {
    let mut i = wellscan_model::ManagedInstance {
        id: id.into(),
        ping_status: "Online".into(),
        agent_version: "3.3.1142.0".into(),
        platform: "Linux".into(),
        patches: Some(wellscan_model::PatchState {
            ended: crate::testing::days_ago(3),
            ..Default::default()
        }),
        ..Default::default()
    };
    f(&mut i);
    i
}

/// A running instance in us-east-1.
#[cfg(test)]
pub(crate) fn running(id: &str) -> Resource {
    wellscan_model::Ec2Instance {
        id: id.into(),
        arn: format!("arn:aws:ec2:us-east-1:123456789012:instance/{id}"),
        region: "us-east-1".into(),
        instance_type: "m7g.large".into(),
        state: wellscan_model::InstanceState::Running,
        ..Default::default()
    }
    .into()
}
