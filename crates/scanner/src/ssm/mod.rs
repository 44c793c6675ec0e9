//! Systems Manager: the instances whose SSM Agent has registered in the region
//! (DescribeInstanceInformation) and what Patch Manager last found on each
//! (DescribeInstancePatchStates, fifty instances a call). One record per region whose
//! instances were all listed: a fleet read in part would make the rest look unmanaged.

use serde_json::{Value, json};
use wellscan_aws::json as api;
use wellscan_model::{Fact, ManagedInstance, ManagedInstances, PatchState};

use crate::json::{int, items, str, text, time};
use crate::unit::{Collected, UnitCtx, count};

/// Systems Manager's client.
type Ssm = api::Client<api::Ssm>;

/// How many instances one DescribeInstancePatchStates call may name.
const IDS_PER_CALL: usize = 50;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ssm"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ssm = ctx.client::<Ssm>();
    let mut listed = crate::json::list(
        ctx,
        &ssm,
        "DescribeInstanceInformation",
        &Value::Null,
        crate::json::NEXT_TOKEN,
        |page| {
            items(page, "InstanceInformationList")
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
            crate::json::list(
                ctx,
                client,
                "DescribeInstancePatchStates",
                &json!({ "InstanceIds": ids }),
                crate::json::NEXT_TOKEN,
                |page| items(page, "InstancePatchStates").cloned().collect(),
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
            let id = str(&state, "InstanceId");
            if let Some(i) = instances.iter_mut().find(|i| Some(i.id.as_str()) == id) {
                i.patches = Some(patches(&state));
            }
        }
    }
    out.depth += longest;
    record.instances = instances;
    out.push(record);
    out
}

fn instance(i: &Value) -> Option<ManagedInstance> {
    Some(ManagedInstance {
        id: str(i, "InstanceId")?.to_string(),
        ping_status: text(i, "PingStatus"),
        last_ping: time(i, "LastPingDateTime"),
        agent_version: text(i, "AgentVersion"),
        platform: text(i, "PlatformType"),
        patches: None,
    })
}

fn patches(s: &Value) -> PatchState {
    let n = |name| count(usize::try_from(int(s, name).unwrap_or(0)).unwrap_or(0));
    PatchState {
        missing: n("MissingCount"),
        failed: n("FailedCount"),
        pending_reboot: n("InstalledPendingRebootCount"),
        critical: n("CriticalNonCompliantCount"),
        security: n("SecurityNonCompliantCount"),
        ended: time(s, "OperationEndTime"),
    }
}
