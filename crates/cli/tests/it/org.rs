//! Organisation-wide scans through the binary, against an organisation on moto: a management
//! account, three members (one of them, like an invited account, without the scan role), and
//! an organisational unit.

use std::collections::BTreeSet;

use aws_sdk_ec2::types::{IpPermission, IpRange};
use aws_sdk_organizations::types::OrganizationFeatureSet;
use wellscan_testkit::{MotoServer, sdk_config, sdk_config_assumed};

use crate::util::{Run, wellscan};

const ROLE: &str = "OrganizationAccountAccessRole";
const MANAGEMENT: &str = "123456789012";

struct Org {
    moto: MotoServer,
    prod: String,
    data: String,
    /// Created with another role name, so the scan role is not there.
    sandbox: String,
    /// The unit `prod` is in.
    workloads: String,
}

fn seeded_org() -> Org {
    let moto = MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (prod, data, sandbox, workloads) = runtime.block_on(async {
        let orgs = aws_sdk_organizations::Client::new(&sdk_config(&endpoint, "us-east-1").await);
        orgs.create_organization()
            .feature_set(OrganizationFeatureSet::All)
            .send()
            .await
            .expect("organisation");
        let create = |name: &'static str, role: Option<&'static str>| {
            let orgs = orgs.clone();
            async move {
                let status = orgs
                    .create_account()
                    .account_name(name)
                    .email(format!("{}@example.com", name.len()))
                    .set_role_name(role.map(String::from))
                    .send()
                    .await
                    .expect("account");
                status
                    .create_account_status()
                    .and_then(|s| s.account_id())
                    .expect("the new account's id")
                    .to_string()
            }
        };
        let prod = create("prod", None).await;
        let data = create("本番データ", None).await;
        let sandbox = create("sandbox", Some("AdministratorAccess")).await;
        let root = orgs.list_roots().send().await.expect("roots").roots()[0]
            .id()
            .expect("root id")
            .to_string();
        let workloads = orgs
            .create_organizational_unit()
            .parent_id(&root)
            .name("workloads")
            .send()
            .await
            .expect("unit")
            .organizational_unit()
            .and_then(|u| u.id())
            .expect("unit id")
            .to_string();
        orgs.move_account()
            .account_id(&prod)
            .source_parent_id(&root)
            .destination_parent_id(&workloads)
            .send()
            .await
            .expect("move");
        // The same SSH-open security group in both reachable members: a finding that recurs.
        for account in [&prod, &data] {
            let role = format!("arn:aws:iam::{account}:role/{ROLE}");
            let ec2 =
                aws_sdk_ec2::Client::new(&sdk_config_assumed(&endpoint, "us-east-1", &role).await);
            let sg = ec2
                .create_security_group()
                .group_name("bastion")
                .description("ssh")
                .send()
                .await
                .expect("sg")
                .group_id()
                .expect("id")
                .to_string();
            ec2.authorize_security_group_ingress()
                .group_id(&sg)
                .ip_permissions(
                    IpPermission::builder()
                        .ip_protocol("tcp")
                        .from_port(22)
                        .to_port(22)
                        .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
                        .build(),
                )
                .send()
                .await
                .expect("ingress");
            ec2.run_instances()
                .image_id(wellscan_testkit::TEST_AMI)
                .min_count(1)
                .max_count(1)
                .security_group_ids(sg)
                .send()
                .await
                .expect("run");
        }
        (prod, data, sandbox, workloads)
    });
    Org {
        moto,
        prod,
        data,
        sandbox,
        workloads,
    }
}

fn ids(values: &serde_json::Value, key: &str) -> BTreeSet<String> {
    values
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v[key].as_str().expect(key).to_string())
        .collect()
}

fn history(run: &Run) -> Vec<serde_json::Value> {
    let listed = run.again(&["history", "--db", "{tmp}/history.db", "--json"]);
    listed.assert_code(0);
    let value: serde_json::Value = serde_json::from_str(&listed.stdout).expect("history JSON");
    value
        .as_array()
        .cloned()
        .or_else(|| value["scans"].as_array().cloned())
        .expect("a list of scans")
}

#[test]
fn an_organisation_scan_writes_each_reachable_account_and_a_rollup_that_names_the_unreachable_one()
{
    let org = seeded_org();
    let endpoint = org.moto.endpoint();
    let run = wellscan(&[
        "scan",
        "--org",
        "--org-role",
        ROLE,
        "--exclude",
        MANAGEMENT,
        "--regions",
        "us-east-1",
        "--endpoint-url",
        &endpoint,
        "--db",
        "{tmp}/history.db",
        "--out",
        "{tmp}/out",
    ]);
    run.assert_code(0);
    let out = run.tmp.path().join("out");

    for account in [&org.prod, &org.data] {
        let a = run.json(&out.join(account).join("assessment.json"));
        assert_eq!(a["scan"]["account_id"], account.as_str());
        for file in ["report.pdf", "report.xlsx", "report.html", "inventory.json"] {
            assert!(out.join(account).join(file).is_file(), "{account}/{file}");
        }
    }
    assert!(
        !out.join(&org.sandbox).exists(),
        "nothing is written for an account that was not scanned"
    );

    let rollup = run.json(&out.join("org/assessment-org.json"));
    assert_eq!(
        ids(&rollup["accounts"], "account_id"),
        BTreeSet::from([org.prod.clone(), org.data.clone()])
    );
    let unscanned = rollup["unscanned"].as_array().expect("unscanned");
    assert_eq!(unscanned.len(), 1, "{unscanned:?}");
    assert_eq!(unscanned[0]["account_id"], org.sandbox.as_str());
    assert_eq!(unscanned[0]["name"], "sandbox");
    let reason = unscanned[0]["reason"].as_str().expect("reason");
    assert!(
        reason.contains(&format!("arn:aws:iam::{}:role/{ROLE}", org.sandbox))
            && reason.contains("AccessDenied"),
        "{reason}"
    );
    let open_ssh = rollup["recurring"]
        .as_array()
        .expect("recurring")
        .iter()
        .find(|f| f["check_id"] == "ec2.sg_open_admin_ports")
        .unwrap_or_else(|| panic!("the open SSH group recurs: {}", rollup["recurring"]));
    assert_eq!(
        open_ssh["accounts"].as_array().map(Vec::len),
        Some(2),
        "{open_ssh}"
    );
    assert_eq!(rollup["worst_by_pillar"].as_array().map(Vec::len), Some(6));
    let names = ids(&rollup["accounts"], "name");
    assert!(names.contains("本番データ"), "{names:?}");

    let html = std::fs::read_to_string(out.join("org/report-org.html")).expect("html");
    assert!(html.contains("Accounts not scanned") && html.contains(&org.sandbox));
    assert!(html.contains("本番データ"));
    let pdf = wellscan_testkit::pdf_text(&out.join("org/report-org.pdf"));
    assert!(
        pdf.contains(&org.sandbox) && pdf.contains("Accounts not scanned"),
        "{pdf}"
    );
    let book: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("org/report-org.xlsx")).expect("workbook");
    assert_eq!(
        calamine::Reader::sheet_names(&book),
        [
            "Accounts",
            "Not scanned",
            "Worst per pillar",
            "Recurring findings"
        ]
    );
    assert!(
        run.stderr
            .contains(&format!("account {} was not scanned", org.sandbox)),
        "{}",
        run.stderr
    );

    // Every account of the run is in the history, the unreachable one as failed.
    let scans = history(&run);
    let by_account: Vec<(String, String)> = scans
        .iter()
        .map(|s| {
            (
                s["account_id"].as_str().unwrap_or_default().to_string(),
                s["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(by_account.len(), 3, "{by_account:?}");
    assert!(by_account.contains(&(org.sandbox.clone(), "failed".to_string())));
    for account in [&org.prod, &org.data] {
        assert!(
            by_account
                .iter()
                .any(|(a, s)| a == account && s != "failed"),
            "{by_account:?}"
        );
    }

    // The rollup a scheduled run writes from the history alone says the same.
    let since = rollup["generated_at"].as_str().expect("time");
    let started = chrono::DateTime::parse_from_rfc3339(since).expect("RFC 3339")
        - chrono::Duration::minutes(10);
    let from_history = run.again(&[
        "org",
        "rollup",
        "--db",
        "{tmp}/history.db",
        "--endpoint-url",
        &endpoint,
        "--exclude",
        MANAGEMENT,
        "--since",
        &started.to_rfc3339(),
        "--format",
        "json,html",
        "--out",
        "{tmp}/rollup",
    ]);
    from_history.assert_code(0);
    let again = run.json(&run.tmp.path().join("rollup/assessment-org.json"));
    let scores = |r: &serde_json::Value| -> Vec<(String, u64)> {
        r["accounts"]
            .as_array()
            .expect("accounts")
            .iter()
            .map(|a| {
                (
                    a["account_id"].as_str().unwrap_or_default().to_string(),
                    a["overall_score"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(scores(&again), scores(&rollup));
    assert_eq!(again["recurring"], rollup["recurring"]);
    assert_eq!(again["unscanned"][0]["account_id"], org.sandbox.as_str());
    assert!(
        again["unscanned"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("AccessDenied")),
        "the recorded error: {}",
        again["unscanned"]
    );
    let later = run.again(&[
        "org",
        "rollup",
        "--db",
        "{tmp}/history.db",
        "--endpoint-url",
        &endpoint,
        "--since",
        "2099-01-01T00:00:00Z",
        "--format",
        "json",
        "--out",
        "{tmp}/later",
    ]);
    later.assert_code(1);
    assert!(
        later.stderr.contains("no account could be scanned")
            && later.stderr.contains(&format!(
                "the rollup in {} lists why",
                run.tmp.path().join("later").display()
            )),
        "{}",
        later.stderr
    );
    let none = run.json(&run.tmp.path().join("later/assessment-org.json"));
    assert!(
        none["unscanned"].as_array().is_some_and(|u| u.len() == 4
            && u.iter().all(|a| a["reason"].as_str().is_some_and(
                |r| r.starts_with("no scan of this account recorded since 2099-01-01")
            ))),
        "{}",
        none["unscanned"]
    );

    // A second run into the same folder does not mix with the first.
    let again = run.again(&[
        "scan",
        "--org",
        "--org-role",
        ROLE,
        "--regions",
        "us-east-1",
        "--endpoint-url",
        &endpoint,
        "--db",
        "{tmp}/history.db",
        "--out",
        "{tmp}/out",
    ]);
    again.assert_code(2);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
}

#[test]
fn accounts_are_chosen_by_unit_and_one_account_is_scanned_as_a_scheduled_task_scans_it() {
    let org = seeded_org();
    let endpoint = org.moto.endpoint();
    let base = |extra: &[&str]| {
        let mut args = vec![
            "--regions",
            "us-east-1",
            "--endpoint-url",
            endpoint.as_str(),
            "--db",
            "{tmp}/history.db",
            "--quiet",
        ];
        args.extend_from_slice(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let scan = |run: Option<&Run>, extra: &[&str]| {
        let mut args = vec!["scan".to_string()];
        args.extend(base(extra));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        match run {
            Some(run) => run.again(&args),
            None => wellscan(&args),
        }
    };

    let by_unit = scan(
        None,
        &[
            "--org",
            "--org-role",
            ROLE,
            "--accounts",
            &format!("{},{}", org.workloads, org.sandbox),
            "--format",
            "json",
            "--out",
            "{tmp}/unit",
        ],
    );
    by_unit.assert_code(0);
    let rollup = by_unit.json(&by_unit.tmp.path().join("unit/org/assessment-org.json"));
    assert_eq!(
        ids(&rollup["accounts"], "account_id"),
        BTreeSet::from([org.prod.clone()]),
        "the unit holds prod only"
    );
    assert_eq!(
        ids(&rollup["unscanned"], "account_id"),
        BTreeSet::from([org.sandbox.clone()])
    );

    let bad = scan(
        Some(&by_unit),
        &[
            "--org",
            "--org-role",
            ROLE,
            "--accounts",
            "prod",
            "--out",
            "{tmp}/bad",
        ],
    );
    bad.assert_code(2);
    assert!(
        bad.stderr.contains("prod is neither an account id"),
        "{}",
        bad.stderr
    );
    let typo = scan(
        Some(&by_unit),
        &[
            "--org",
            "--org-role",
            ROLE,
            "--accounts",
            "999999999999",
            "--out",
            "{tmp}/typo",
        ],
    );
    typo.assert_code(2);
    assert!(
        typo.stderr
            .contains("not an active account of the organisation: 999999999999"),
        "{}",
        typo.stderr
    );

    let one = scan(
        Some(&by_unit),
        &[
            "--account",
            &org.data,
            "--org-role",
            ROLE,
            "--format",
            "json",
            "--out",
            "{tmp}/one",
        ],
    );
    one.assert_code(0);
    let a = one.json(&one.tmp.path().join("one/assessment.json"));
    assert_eq!(a["scan"]["account_id"], org.data.as_str());

    let unreachable = scan(
        Some(&by_unit),
        &[
            "--account",
            &org.sandbox,
            "--org-role",
            ROLE,
            "--out",
            "{tmp}/none",
        ],
    );
    unreachable.assert_code(2);
    assert!(
        unreachable.stderr.contains("cannot assume") && unreachable.stderr.contains("AccessDenied"),
        "{}",
        unreachable.stderr
    );
    let failed = history(&by_unit)
        .into_iter()
        .filter(|s| s["account_id"] == org.sandbox.as_str() && s["status"] == "failed")
        .count();
    assert_eq!(
        failed, 2,
        "the run's and the task's failures are both recorded"
    );
}
