//! `wellscan history`, `show` and `diff` over scans the binary recorded itself.

use serde_json::Value;

use crate::util::{Run, wellscan, wellscan_env, wellscan_in};

/// Scans `inventory` (a path under the test folder, or the demo) into `out` with the config.
fn scan(run: &Run, source: &[&str], out: &str) -> Run {
    let mut args = vec!["scan", "--quiet", "--format", "json", "--out", out];
    args.extend_from_slice(source);
    let scan = run.again(&args);
    scan.assert_code(0);
    scan
}

#[test]
fn scans_are_recorded_and_history_lists_them_newest_first() {
    let run = wellscan(&[
        "scan",
        "--demo",
        "--quiet",
        "--format",
        "json",
        "--out",
        "{tmp}/one",
    ]);
    run.assert_code(0);
    scan(&run, &["--demo"], "{tmp}/two");

    let history = run.again(&["history"]);
    history.assert_code(0);
    let lines: Vec<&str> = history.stdout.lines().collect();
    assert!(lines[0].starts_with("SCAN"), "{}", history.stdout);
    assert_eq!(lines.len(), 3, "{}", history.stdout);
    assert!(lines[1].contains("succeeded") && lines[1].contains("123456789012"));

    let json = run.again(&["history", "--json"]);
    let records: Value = serde_json::from_str(&json.stdout).expect("json");
    let records = records.as_array().expect("array");
    let second = run.json(&run.tmp.path().join("two/assessment.json"));
    assert_eq!(records[0]["scan_id"], second["scan"]["id"], "newest first");
    assert_eq!(records[0]["overall_score"], second["overall_score"]);
    assert_eq!(
        records[0]["findings"].as_u64(),
        second["findings"].as_array().map(|f| f.len() as u64)
    );

    let id = records[0]["scan_id"].as_str().expect("id");
    let show = run.again(&["show", id]);
    show.assert_code(0);
    assert!(
        show.stdout.contains("Status    succeeded"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("two/assessment.json"),
        "where the reports are: {}",
        show.stdout
    );

    // Nothing changed between two scans of the same recording.
    let diff = run.again(&["diff", "--json"]);
    diff.assert_code(0);
    let d: Value = serde_json::from_str(&diff.stdout).expect("json");
    assert_eq!(d["new"].as_array().map(Vec::len), Some(0));
    assert_eq!(d["resolved"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        d["still_open"].as_array().map(Vec::len),
        second["findings"].as_array().map(Vec::len)
    );
    assert_eq!(d["overall_delta"], 0);
}

fn tag(resource: &mut Value, key: &str, value: &str) {
    resource["tags"][key] = Value::String(value.into());
}

#[test]
fn a_diff_tells_fixed_new_and_deleted_apart() {
    let demo = wellscan(&[
        "scan",
        "--demo",
        "--quiet",
        "--format",
        "json",
        "--out",
        "{tmp}/d",
        "--no-history",
    ]);
    demo.assert_code(0);
    let mut inventory = demo.json(&demo.tmp.path().join("d/inventory.json"));
    let resources = inventory["resources"].as_array_mut().expect("resources");
    let instances: Vec<usize> = (0..resources.len())
        .filter(|&i| resources[i]["kind"] == "ec2_instance")
        .take(2)
        .collect();
    let (x, y) = (instances[0], instances[1]);
    let volume = (0..resources.len())
        .find(|&i| resources[i]["kind"] == "ebs_volume" && resources[i]["state"] == "available")
        .expect("an unattached volume");
    let (x_id, y_id, volume_id) = (
        resources[x]["id"].as_str().unwrap_or_default().to_string(),
        resources[y]["id"].as_str().unwrap_or_default().to_string(),
        resources[volume]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    );

    // Before: X carries the required tag, Y does not. After: Y was fixed, X lost its tag, and
    // the volume was deleted.
    let mut before = inventory.clone();
    tag(&mut before["resources"][x], "CostCenter", "cc-1");
    let mut after = inventory.clone();
    tag(&mut after["resources"][y], "CostCenter", "cc-2");
    after["resources"]
        .as_array_mut()
        .expect("resources")
        .remove(volume);

    let run = wellscan_in(&["history"], |tmp| {
        std::fs::write(tmp.join("before.json"), before.to_string()).expect("write");
        std::fs::write(tmp.join("after.json"), after.to_string()).expect("write");
        std::fs::write(
            tmp.join("wellscan.toml"),
            "[checks]\nrequired_tags = [\"CostCenter\"]\n",
        )
        .expect("write");
    });
    for (file, out) in [
        ("{tmp}/before.json", "{tmp}/a"),
        ("{tmp}/after.json", "{tmp}/b"),
    ] {
        scan(
            &run,
            &["--inventory", file, "--config", "{tmp}/wellscan.toml"],
            out,
        );
    }
    let diff = run.again(&["diff", "--json"]);
    diff.assert_code(0);
    let d: Value = serde_json::from_str(&diff.stdout).expect("json");
    let ids = |list: &Value| -> Vec<(String, String)> {
        list.as_array()
            .expect("list")
            .iter()
            .map(|f| {
                (
                    f["check_id"].as_str().unwrap_or_default().to_string(),
                    f["resource_id"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        ids(&d["new"]),
        vec![("tags.missing_required".to_string(), x_id.clone())]
    );
    let resolved = d["resolved"].as_array().expect("resolved");
    let fixed: Vec<&Value> = resolved
        .iter()
        .filter(|r| r["resource_gone"] == false)
        .collect();
    let went: Vec<&Value> = resolved
        .iter()
        .filter(|r| r["resource_gone"] == true)
        .collect();
    assert_eq!(fixed.len(), 1, "{fixed:?}");
    assert_eq!(fixed[0]["check_id"], "tags.missing_required");
    assert_eq!(fixed[0]["resource_id"], y_id.as_str());
    assert!(!went.is_empty(), "the deleted volume had findings");
    assert!(
        went.iter().all(|r| r["resource_id"] == volume_id.as_str()),
        "{went:?}"
    );
    let gone = d["gone"].as_array().expect("gone");
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0]["resource_id"], volume_id.as_str());
    assert!(d["pillars"].as_array().is_some_and(|p| p.len() == 6));

    // The text form says the same for people.
    let text = run.again(&["diff"]);
    text.assert_code(0);
    assert!(text.stdout.contains("New: 1"), "{}", text.stdout);
    assert!(
        text.stdout.contains("Resolved (fixed): 1"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("Resources gone: 1"), "{}", text.stdout);
}

#[test]
fn a_scan_that_never_finished_is_marked_failed() {
    // A scan creates the history; a read never would.
    let run = wellscan(&[
        "scan",
        "--demo",
        "--quiet",
        "--format",
        "json",
        "--out",
        "r",
        "--db",
        "{tmp}/h.db",
    ]);
    run.assert_code(0);
    // A record left `running` seven hours ago, as a crash would leave it.
    let conn = rusqlite::Connection::open(run.tmp.path().join("h.db")).expect("db");
    let started = (chrono::Utc::now() - chrono::Duration::hours(7))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    conn.execute(
        "INSERT INTO scans (scan_id, account_id, started_at, finished_at, status, error, overall_score,
         pillars, findings, savings, coverage_gaps, reports)
         VALUES ('crashed', '123456789012', ?1, NULL, 'running', NULL, NULL, '[]', 0, 0, 0, '[]')",
        [started],
    )
    .expect("insert");
    drop(conn);
    let after = run.again(&["history", "--db", "{tmp}/h.db"]);
    after.assert_code(0);
    assert!(
        after.stderr.contains("scan crashed never finished"),
        "{}",
        after.stderr
    );
    assert!(
        after
            .stdout
            .lines()
            .any(|l| l.starts_with("crashed") && l.contains("failed")),
        "{}",
        after.stdout
    );
}

#[test]
fn history_usage_errors_say_what_to_do() {
    for (args, expected) in [
        (vec!["diff"], "no scans recorded yet"),
        (vec!["show", "nope"], "no scan nope in the history"),
        (
            vec!["history", "--store", "redis://x"],
            "expected dynamodb://TABLE",
        ),
    ] {
        let run = wellscan(&args);
        run.assert_code(2);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
    let one = wellscan(&[
        "scan", "--demo", "--quiet", "--format", "json", "--out", "{tmp}/r",
    ]);
    one.assert_code(0);
    let diff = one.again(&["diff"]);
    diff.assert_code(2);
    assert!(
        diff.stderr
            .contains("has 1 finished scan(s) in the history; a diff needs two"),
        "{}",
        diff.stderr
    );
}

#[test]
fn the_history_can_live_in_dynamodb() {
    let moto = wellscan_testkit::MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let env = [("AWS_ENDPOINT_URL", Some(endpoint.as_str()))];
    let missing = wellscan_env(&["history", "--store", "dynamodb://wellscan-history"], &env);
    missing.assert_code(2);
    assert!(
        missing
            .stderr
            .contains("does not exist in us-east-1: add --create-table"),
        "{}",
        missing.stderr
    );

    let scan = |out: &str, create: bool| {
        let mut args = vec![
            "scan",
            "--demo",
            "--format",
            "json",
            "--out",
            out,
            "--store",
            "dynamodb://wellscan-history",
        ];
        if create {
            args.push("--create-table");
        } else {
            // Quiet prints errors only: the note of a created table is not one.
            args.push("--quiet");
        }
        let run = wellscan_env(&args, &env);
        run.assert_code(0);
        run
    };
    let first = scan("{tmp}/a", true);
    assert!(
        first
            .stderr
            .contains("created the history table wellscan-history"),
        "{}",
        first.stderr
    );
    scan("{tmp}/b", false);

    let history = wellscan_env(
        &[
            "history",
            "--store",
            "dynamodb://wellscan-history",
            "--json",
        ],
        &env,
    );
    history.assert_code(0);
    let records: Value = serde_json::from_str(&history.stdout).expect("json");
    assert_eq!(records.as_array().map(Vec::len), Some(2));
    assert_eq!(records[0]["status"], "succeeded");

    let diff = wellscan_env(
        &["diff", "--store", "dynamodb://wellscan-history", "--json"],
        &env,
    );
    diff.assert_code(0);
    let d: Value = serde_json::from_str(&diff.stdout).expect("json");
    assert_eq!(d["new"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        d["still_open"].as_array().map(Vec::len),
        Some(records[0]["findings"].as_u64().unwrap_or(0) as usize)
    );
}

#[test]
fn a_regions_subset_after_a_full_scan_reports_no_region_as_resolved() {
    let full = wellscan(&[
        "scan",
        "--demo",
        "--quiet",
        "--format",
        "json",
        "--out",
        "{tmp}/full",
    ]);
    full.assert_code(0);
    let subset = scan(&full, &["--demo", "--regions", "eu-west-1"], "{tmp}/eu");
    let a = subset.json(&subset.tmp.path().join("eu/assessment.json"));
    let d = &a["since_last"]["diff"];
    assert_eq!(
        d["resolved"].as_array().map(Vec::len),
        Some(0),
        "nothing outside eu-west-1 is resolved: {}",
        d["resolved"]
    );
    assert_eq!(d["gone"].as_array().map(Vec::len), Some(0), "{}", d["gone"]);
    assert_eq!(d["compared"]["regions"], serde_json::json!(["eu-west-1"]));
    assert!(d["compared"]["not_compared"].as_u64().unwrap_or(0) > 0);
    let html =
        std::fs::read_to_string(subset.tmp.path().join("eu/assessment.json")).expect("assessment");
    assert!(html.contains("compared"));

    let diff = full.again(&["diff"]);
    diff.assert_code(0);
    assert!(
        diff.stdout
            .contains("Compared over what both scans saw: eu-west-1 and account-wide resources"),
        "{}",
        diff.stdout
    );
}

#[test]
fn a_replayed_inventory_never_becomes_the_demo_accounts_baseline() {
    let demo = wellscan(&[
        "scan",
        "--demo",
        "--quiet",
        "--format",
        "json",
        "--out",
        "{tmp}/demo",
    ]);
    demo.assert_code(0);
    let replay = scan(
        &demo,
        &["--inventory", "demo/inventory.json"],
        "{tmp}/replay",
    );
    let a = replay.json(&replay.tmp.path().join("replay/assessment.json"));
    assert!(a["since_last"]["diff"].is_null(), "{}", a["since_last"]);
    assert_eq!(a["since_last"]["trend"].as_array().map(Vec::len), Some(1));
    // A second replay has the first as its baseline.
    let again = scan(
        &demo,
        &["--inventory", "demo/inventory.json"],
        "{tmp}/again",
    );
    let a = again.json(&again.tmp.path().join("again/assessment.json"));
    assert_eq!(
        a["since_last"]["diff"]["resolved"].as_array().map(Vec::len),
        Some(0)
    );
}

#[test]
fn a_history_that_cannot_be_opened_is_a_warning_and_the_scan_runs() {
    // The database's folder is a file: it cannot be created.
    let run = wellscan_in(
        &[
            "scan",
            "--demo",
            "--format",
            "json",
            "--out",
            "out",
            "--db",
            "blocked/history.db",
        ],
        |tmp| std::fs::write(tmp.join("blocked"), "not a folder").expect("write"),
    );
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("warning: the history cannot be opened, so this scan will not be recorded"),
        "{}",
        run.stderr
    );
    assert!(run.tmp.path().join("out/assessment.json").is_file());

    // A DynamoDB table that is not there (or may not be read) is the same.
    let moto = wellscan_testkit::MotoServer::start().expect("moto starts");
    let endpoint = moto.endpoint();
    let run = wellscan_env(
        &[
            "scan",
            "--demo",
            "--format",
            "json",
            "--out",
            "{tmp}/out",
            "--store",
            "dynamodb://absent",
        ],
        &[("AWS_ENDPOINT_URL", Some(endpoint.as_str()))],
    );
    run.assert_code(0);
    assert!(
        run.stderr.contains("will not be recorded"),
        "{}",
        run.stderr
    );
    assert!(run.tmp.path().join("out/assessment.json").is_file());

    // A store address that names no store is still a usage error, before any work.
    let bad = wellscan(&["scan", "--demo", "--store", "dynamo://x"]);
    bad.assert_code(2);
}

#[test]
fn reading_the_history_never_creates_one() {
    let empty = wellscan(&["history"]);
    empty.assert_code(0);
    assert!(
        empty.stdout.contains("No scans recorded yet"),
        "{}",
        empty.stdout
    );
    assert!(
        !empty.tmp.path().join("wellscan").exists(),
        "a read created the history"
    );
    let typo = empty.again(&["history", "--db", "typo.db"]);
    typo.assert_code(2);
    assert!(
        typo.stderr.contains("--db typo.db: no history there"),
        "{}",
        typo.stderr
    );
    assert!(!empty.tmp.path().join("typo.db").exists());
    let show = empty.again(&["show", "20260101T000000Z-000000"]);
    show.assert_code(2);
    assert!(!empty.tmp.path().join("wellscan").exists());
}

#[test]
fn an_account_without_scans_is_told_apart_from_an_empty_history() {
    let run = wellscan(&[
        "scan", "--demo", "--quiet", "--format", "json", "--out", "r",
    ]);
    run.assert_code(0);
    let other = run.again(&["history", "--account", "999999999999"]);
    other.assert_code(0);
    assert_eq!(
        other.stdout.trim(),
        "No scans of account 999999999999 in the history."
    );
}

#[test]
fn diff_takes_older_then_newer_and_one_scan_against_the_one_before() {
    let run = wellscan(&[
        "scan", "--demo", "--quiet", "--format", "json", "--out", "a",
    ]);
    run.assert_code(0);
    scan(&run, &["--demo"], "b");
    scan(&run, &["--demo"], "c");
    let ids: Vec<String> = {
        let list = run.again(&["history", "--json"]);
        let scans: Value = serde_json::from_str(&list.stdout).expect("json");
        scans
            .as_array()
            .expect("scans")
            .iter()
            .rev()
            .map(|s| s["scan_id"].as_str().expect("id").to_string())
            .collect()
    };
    let pair = |args: &[&str]| -> (String, String) {
        let mut all = vec!["diff", "--json"];
        all.extend_from_slice(args);
        let d = run.again(&all);
        d.assert_code(0);
        let v: Value = serde_json::from_str(&d.stdout).expect("diff json");
        (
            v["from_scan"].as_str().expect("from").to_string(),
            v["to_scan"].as_str().expect("to").to_string(),
        )
    };
    assert_eq!(pair(&[&ids[0], &ids[2]]), (ids[0].clone(), ids[2].clone()));
    assert_eq!(pair(&[&ids[1]]), (ids[0].clone(), ids[1].clone()));
    assert_eq!(pair(&[]), (ids[1].clone(), ids[2].clone()));
    let help = run.again(&["diff", "--help"]);
    assert!(help.stdout.contains("[SCAN]..."), "{}", help.stdout);
    assert!(help.stdout.contains("`OLDER NEWER`"), "{}", help.stdout);
}
