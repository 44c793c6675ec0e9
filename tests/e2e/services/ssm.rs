//! Systems Manager: running instances no SSM Agent registered and one whose agent lost its
//! connection, beside one that is online and patched; a managed instance missing patches and
//! one Patch Manager never scanned, beside the patched one. moto has no Systems Manager fleet:
//! the emulator keeps one, and the test plays each instance's agent (`register_ssm_agent`).
//! Sixty servers outside AWS register too, so both listings page (fifty a page, and fifty ids
//! a patch-state call), and nothing judges them, having no EC2 instance.

use aws_sdk_ec2::types::InstanceType;
use serde_json::json;

use super::{Account, EAST, Proof};

const PROOF: Proof = Proof {
    units: &["ec2", "ssm"],
    cases: &[
        (
            "ssm.instance_unmanaged",
            "us-east-1/ssm-unmanaged",
            Some("us-east-1/ssm-patched"),
        ),
        ("ssm.instance_unmanaged", "us-east-1/ssm-lost", None),
        (
            "ssm.patches_missing",
            "us-east-1/ssm-behind",
            Some("us-east-1/ssm-patched"),
        ),
        ("ssm.patches_missing", "us-east-1/ssm-unscanned", None),
    ],
    actions: &[
        "cloudwatch:GetMetricData",
        "ec2:DescribeInstances",
        "ssm:DescribeInstanceInformation",
        "ssm:DescribeInstancePatchStates",
    ],
};

/// What an agent reports when it registers: `InstanceInformation`, with the instance's patch
/// state (missing and failed counts) when Patch Manager scanned it.
fn agent(id: &str, ping: &str, patches: Option<(u32, u32)>) -> serde_json::Value {
    let now = chrono::Utc::now().timestamp() as f64;
    let mut info = json!({
        "InstanceId": id,
        "PingStatus": ping,
        "LastPingDateTime": now - 120.0,
        "AgentVersion": "3.3.1142.0",
        "IsLatestVersion": true,
        "PlatformType": "Linux",
        "PlatformName": "Amazon Linux",
        "PlatformVersion": "2023",
        "ResourceType": if id.starts_with("mi-") { "ManagedInstance" } else { "EC2Instance" },
    });
    if let Some((missing, failed)) = patches {
        info["PatchState"] = json!({
            "PatchGroup": "",
            "BaselineId": "pb-0e392de35e7c563b7",
            "InstalledCount": 412,
            "InstalledOtherCount": 3,
            "InstalledPendingRebootCount": 0,
            "InstalledRejectedCount": 0,
            "MissingCount": missing,
            "FailedCount": failed,
            "NotApplicableCount": 1289,
            "CriticalNonCompliantCount": missing.min(1),
            "SecurityNonCompliantCount": missing,
            "OtherNonCompliantCount": 0,
            "OperationStartTime": now - 86_400.0,
            "OperationEndTime": now - 86_000.0,
            "Operation": "Scan",
        });
    }
    info
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ssm() {
    let account = Account::start().await;
    account
        .instance("ssm-unmanaged", InstanceType::T3Micro)
        .await;
    let register = |value: serde_json::Value| {
        account
            .moto
            .register_ssm_agent(EAST, &value)
            .expect("the agent registers");
    };
    let lost = account.instance("ssm-lost", InstanceType::T3Micro).await;
    register(agent(&lost, "ConnectionLost", Some((0, 0))));
    let patched = account.instance("ssm-patched", InstanceType::T3Micro).await;
    register(agent(&patched, "Online", Some((0, 0))));
    let behind = account.instance("ssm-behind", InstanceType::T3Micro).await;
    register(agent(&behind, "Online", Some((7, 1))));
    let unscanned = account
        .instance("ssm-unscanned", InstanceType::T3Micro)
        .await;
    register(agent(&unscanned, "Online", None));
    for n in 0..60 {
        register(agent(&format!("mi-0{n:016x}"), "Online", Some((n % 3, 0))));
    }

    let scanned = account.prove(&PROOF).await;
    let fleet = scanned
        .inventory
        .resources
        .iter()
        .find_map(|r| r.as_ssm_managed_instances().filter(|f| f.region == EAST))
        .expect("the region's fleet");
    assert_eq!(fleet.instances.len(), 64, "every page of agents is read");
    assert!(
        fleet
            .instances
            .iter()
            .filter(|i| i.id.starts_with("mi-"))
            .all(|i| i.patches.is_some()),
        "every batch of patch states is read"
    );
    assert_eq!(
        scanned.findings("ssm.patches_missing").count(),
        2,
        "only EC2 instances are judged"
    );
}
