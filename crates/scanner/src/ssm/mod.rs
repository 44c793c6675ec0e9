//! Systems Manager: the instances whose SSM Agent has registered in the region
//! (DescribeInstanceInformation) and what Patch Manager last found on each
//! (DescribeInstancePatchStates, fifty instances a call). One record per region whose
//! instances were all listed: a fleet read in part would make the rest look unmanaged.

use aws_sdk_ssm::types::{InstanceInformation, InstancePatchState};
use wellscan_model::{Fact, ManagedInstance, ManagedInstances, PatchState};

use crate::unit::{Collected, UnitCtx, count, time};

/// How many instances one DescribeInstancePatchStates call may name.
const IDS_PER_CALL: usize = 50;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ssm"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ssm = ctx.client::<aws_sdk_ssm::Client>();
    let mut listed = ctx
        .list(
            "DescribeInstanceInformation",
            ssm.describe_instance_information().into_paginator().send(),
            |page| {
                page.instance_information_list()
                    .iter()
                    .filter_map(instance)
                    .collect()
            },
        )
        .await;
    let whole = listed.take_whole();
    let mut out = Collected::of(Vec::new());
    out.absorb(listed);
    let Some(mut instances) = whole else {
        return out;
    };
    let mut record = ManagedInstances {
        id: "managed-instances".into(),
        arn: ctx.arn("ssm", "managed-instance/*"),
        region: ctx.region.clone(),
        ..Default::default()
    };
    let batches: Vec<Vec<String>> = instances
        .chunks(IDS_PER_CALL)
        .map(|c| c.iter().map(|i| i.id.clone()).collect())
        .collect();
    let client = &ssm;
    let read = ctx
        .fan_out(batches, |ids| async move {
            ctx.list(
                "DescribeInstancePatchStates",
                client
                    .describe_instance_patch_states()
                    .set_instance_ids(Some(ids))
                    .into_paginator()
                    .send(),
                |page| page.instance_patch_states().to_vec(),
            )
            .await
        })
        .await;
    let mut longest = 0;
    for states in read {
        longest = longest.max(states.depth);
        if !states.whole() {
            record.unknown.mark(Fact::PatchStates);
        }
        out.gaps.extend(states.gaps);
        for state in states.found {
            if let Some(i) = instances.iter_mut().find(|i| i.id == state.instance_id()) {
                i.patches = Some(patches(&state));
            }
        }
    }
    out.depth += longest;
    record.instances = instances;
    out.push(record);
    out
}

fn instance(i: &InstanceInformation) -> Option<ManagedInstance> {
    Some(ManagedInstance {
        id: i.instance_id()?.to_string(),
        ping_status: i
            .ping_status()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        last_ping: i.last_ping_date_time().and_then(time),
        agent_version: i.agent_version().unwrap_or_default().to_string(),
        platform: i
            .platform_type()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        patches: None,
    })
}

fn patches(s: &InstancePatchState) -> PatchState {
    let n = |v: Option<i32>| count(usize::try_from(v.unwrap_or(0)).unwrap_or(0));
    PatchState {
        missing: n(Some(s.missing_count())),
        failed: n(Some(s.failed_count())),
        pending_reboot: n(s.installed_pending_reboot_count()),
        critical: n(s.critical_non_compliant_count()),
        security: n(s.security_non_compliant_count()),
        ended: time(s.operation_end_time()),
    }
}
