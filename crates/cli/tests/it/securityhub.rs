//! `scan --security-hub` against moto's Security Hub, read back through the real SDK client:
//! every finding imported once, a fixed one archived on the next scan, throttling retried, and
//! a Security Hub that cannot be reached is a clear error with the reports kept.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_securityhub::types::RecordState;
use wellscan_testkit::{Fault, LatencyProxy, MotoServer, ProxyConfig, sdk_config};

use crate::live::{seeded_moto, ssh_from_anywhere};
use crate::util::{Run, wellscan};

/// A runtime whose worker reads Security Hub's findings: the SDK's debug build deserialises
/// a finding deeper than a test thread's stack goes, so reads run on the worker.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_stack_size(64 << 20)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Every finding Security Hub holds in us-east-1, by id: its record state, compliance status,
/// title and resource id.
fn hub_findings(
    runtime: &tokio::runtime::Runtime,
    moto: &MotoServer,
) -> BTreeMap<String, (RecordState, String, String, String)> {
    let endpoint = moto.endpoint();
    let read = runtime.spawn(async move {
        let hub = aws_sdk_securityhub::Client::new(&sdk_config(&endpoint, "us-east-1").await);
        let mut found = BTreeMap::new();
        let mut pages = hub.get_findings().max_results(100).into_paginator().send();
        while let Some(page) = pages.next().await {
            for f in page.expect("GetFindings through the SDK").findings() {
                found.insert(
                    f.id().unwrap_or_default().to_string(),
                    (
                        f.record_state().cloned().expect("a record state"),
                        f.compliance()
                            .and_then(|c| c.status())
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        f.title().unwrap_or_default().to_string(),
                        f.resources()
                            .first()
                            .and_then(|r| r.id())
                            .unwrap_or_default()
                            .to_string(),
                    ),
                );
            }
        }
        found
    });
    runtime.block_on(read).expect("the read finished")
}

fn enable_hub(runtime: &tokio::runtime::Runtime, moto: &MotoServer) {
    runtime.block_on(async {
        let hub =
            aws_sdk_securityhub::Client::new(&sdk_config(&moto.endpoint(), "us-east-1").await);
        hub.enable_security_hub()
            .send()
            .await
            .expect("enable Security Hub");
    });
}

/// The ASFF ids wellscan gives the findings of an `assessment.json`, with each one's resource.
fn asff_ids(run: &Run, dir: &str) -> BTreeMap<String, String> {
    let assessment = run.json(&run.tmp.path().join(dir).join("assessment.json"));
    assessment["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                format!(
                    "wellscan/{}/{}",
                    f["check_id"].as_str().unwrap_or_default(),
                    f["id"].as_str().unwrap_or_default()
                ),
                f["resource_id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn scan(endpoint: &str, out: &str) -> Vec<String> {
    [
        "scan",
        "--endpoint-url",
        endpoint,
        "--regions",
        "us-east-1",
        "--security-hub",
        "--format",
        "json,ocsf",
        "--no-history",
        "--out",
        out,
    ]
    .map(String::from)
    .to_vec()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn every_finding_is_imported_once_and_the_one_fixed_is_archived_on_the_next_scan() {
    let runtime = runtime();
    let moto = seeded_moto();
    enable_hub(&runtime, &moto);
    let endpoint = moto.endpoint();

    let first = wellscan(&args(&scan(&endpoint, "{tmp}/first")));
    first.assert_code(0);
    let imported = asff_ids(&first, "first");
    assert!(
        first.stdout.contains(&format!(
            "Security Hub: {} findings imported (us-east-1), 0 resolved findings archived",
            imported.len()
        )),
        "{}",
        first.stdout
    );
    let ocsf = first.json(&first.tmp.path().join("first/findings.ocsf.json"));
    assert_eq!(ocsf.as_array().map(Vec::len), Some(imported.len()));
    let hub = hub_findings(&runtime, &moto);
    assert_eq!(
        hub.keys().collect::<BTreeSet<_>>(),
        imported.keys().collect::<BTreeSet<_>>(),
        "Security Hub holds exactly the scan's findings"
    );
    assert!(
        hub.values()
            .all(|(state, status, ..)| *state == RecordState::Active && status == "FAILED")
    );

    // The team closes SSH to the world on the bastion's security group.
    let group = runtime.block_on(async {
        let ec2 = aws_sdk_ec2::Client::new(&sdk_config(&endpoint, "us-east-1").await);
        let groups = ec2
            .describe_security_groups()
            .group_names("bastion")
            .send()
            .await
            .expect("groups");
        let id = groups.security_groups()[0]
            .group_id()
            .expect("group id")
            .to_string();
        ec2.revoke_security_group_ingress()
            .group_id(&id)
            .ip_permissions(ssh_from_anywhere())
            .send()
            .await
            .expect("revoke");
        id
    });

    let second = first.again(&args(&scan(&endpoint, "{tmp}/second")));
    second.assert_code(0);
    let now = asff_ids(&second, "second");
    let fixed: BTreeSet<&String> = imported
        .keys()
        .filter(|id| !now.contains_key(*id))
        .collect();
    assert_eq!(
        fixed.len(),
        1,
        "closing the port fixes one finding: {fixed:?}"
    );
    assert!(fixed.iter().all(|id| imported[*id] == group), "{fixed:?}");
    assert!(
        second.stdout.contains(&format!(
            "Security Hub: {} findings imported (us-east-1), 1 resolved finding archived",
            now.len()
        )),
        "{}",
        second.stdout
    );
    let hub = hub_findings(&runtime, &moto);
    let archived: BTreeSet<&String> = hub
        .iter()
        .filter(|(_, (state, ..))| *state == RecordState::Archived)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(archived, fixed, "exactly the fixed finding is archived");
    let (_, status, title, resource) = &hub[*fixed.iter().next().expect("one")];
    assert_eq!(status, "PASSED");
    assert!(
        !title.is_empty() && resource.contains(&group),
        "{title} {resource}"
    );
    let active: BTreeSet<&String> = hub
        .iter()
        .filter(|(_, (state, ..))| *state == RecordState::Active)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        active,
        now.keys().collect(),
        "the rest updated, not duplicated"
    );
}

#[test]
fn a_scan_of_another_region_archives_nothing_it_could_not_see_again() {
    let runtime = runtime();
    let moto = seeded_moto();
    enable_hub(&runtime, &moto);
    let endpoint = moto.endpoint();
    let first = wellscan(&args(&scan(&endpoint, "{tmp}/first")));
    first.assert_code(0);
    let imported = asff_ids(&first, "first");

    // us-west-2 has none of us-east-1's resources; their findings are not resolved by that.
    let mut other = scan(&endpoint, "{tmp}/other");
    other[4] = "us-west-2".into();
    let second = first.again(&args(&other));
    second.assert_code(0);
    assert!(
        second.stdout.contains(", 0 resolved findings archived"),
        "{}",
        second.stdout
    );
    assert!(
        second
            .stderr
            .contains("left active: this scan could not judge them again"),
        "{}",
        second.stderr
    );
    let hub = hub_findings(&runtime, &moto);
    assert!(imported.keys().all(|id| hub.contains_key(id)));
    assert!(
        hub.values()
            .all(|(state, ..)| *state == RecordState::Active)
    );
}

#[test]
fn throttled_imports_are_retried_until_every_finding_is_in() {
    let runtime = runtime();
    let moto = seeded_moto();
    enable_hub(&runtime, &moto);
    let endpoint = moto.endpoint();
    // Every second Security Hub call is throttled.
    let proxy = runtime
        .block_on(LatencyProxy::start(
            &endpoint,
            ProxyConfig {
                fault_every: 2,
                fault: Fault::Throttle,
                ..ProxyConfig::default()
            },
        ))
        .expect("proxy");
    let hub_endpoint = proxy.endpoint();
    let run = crate::util::wellscan_env(
        &args(&scan(&endpoint, "{tmp}/out")),
        &[("AWS_ENDPOINT_URL_SECURITYHUB", Some(&hub_endpoint))],
    );
    run.assert_code(0);
    assert!(proxy.faults() > 0, "the proxy throttled some calls");
    let imported = asff_ids(&run, "out");
    let hub = hub_findings(&runtime, &moto);
    assert_eq!(
        hub.keys().collect::<BTreeSet<_>>(),
        imported.keys().collect::<BTreeSet<_>>()
    );
}

#[test]
fn a_security_hub_that_cannot_be_reached_is_an_error_and_the_reports_stay() {
    let moto = seeded_moto();
    let endpoint = moto.endpoint();
    // Nothing listens on a port just released.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}", listener.local_addr().expect("address"))
    };
    let run = crate::util::wellscan_env(
        &args(&scan(&endpoint, "{tmp}/out")),
        &[("AWS_ENDPOINT_URL_SECURITYHUB", Some(&closed))],
    );
    run.assert_code(1);
    assert!(
        run.stderr.contains("Security Hub did not take everything")
            && run.stderr.contains("us-east-1: ")
            && run.stderr.contains("not imported"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("The reports are complete in"),
        "{}",
        run.stderr
    );
    assert!(run.tmp.path().join("out/assessment.json").is_file());
    assert!(run.tmp.path().join("out/findings.ocsf.json").is_file());
}

#[test]
fn the_demo_account_is_not_imported() {
    let run = wellscan(&["scan", "--demo", "--security-hub", "--out", "{tmp}/out"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--security-hub"), "{}", run.stderr);
}
