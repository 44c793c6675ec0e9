//! The `wellscan` binary as a user runs it: exit codes, messages, files written.

mod bedrock;
mod catalogue;
mod clients;
mod commands;
mod dashboard;
mod environment;
mod glyphs;
mod history;
mod hostile;
mod live;
mod mcp;
mod notify;
mod org;
mod outputs;
mod readme;
mod secrets;
mod securityhub;
mod serve;
mod serve_ui;
mod terminal;
mod upload;
mod util;
mod watool;

use util::{Run, wellscan};

#[test]
fn demo_scan_writes_the_inventory_and_every_report_and_prints_a_summary() {
    let run = wellscan(&["scan", "--demo", "--out", "{tmp}/report"]);
    run.assert_code(0);
    for file in [
        "inventory.json",
        "assessment.json",
        "report.html",
        "report.pdf",
        "report.xlsx",
    ] {
        assert!(
            run.tmp.path().join("report").join(file).is_file(),
            "{file} missing"
        );
    }
    assert!(run.stdout.contains("Overall score"), "{}", run.stdout);
    for pillar in [
        "Operational Excellence",
        "Security",
        "Reliability",
        "Performance Efficiency",
        "Cost Optimization",
        "Sustainability",
    ] {
        assert!(run.stdout.contains(pillar), "summary lacks {pillar}");
    }
    assert!(run.stdout.contains("Top findings"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Estimated savings: $"),
        "{}",
        run.stdout
    );
    // Not a terminal: progress is plain lines on stderr.
    assert!(run.stderr.contains("wellscan: checks:"), "{}", run.stderr);
}

#[test]
fn without_out_reports_go_to_a_folder_named_after_the_scan() {
    let run = wellscan(&["scan", "--demo", "--quiet"]);
    run.assert_code(0);
    let base = run.tmp.path().join("wellscan-out");
    let scans: Vec<_> = std::fs::read_dir(&base)
        .expect("wellscan-out exists")
        .flatten()
        .collect();
    assert_eq!(scans.len(), 1);
    let dir = scans[0].path();
    let assessment = run.json(&dir.join("assessment.json"));
    assert_eq!(
        dir.file_name().and_then(|n| n.to_str()),
        assessment["scan"]["id"].as_str()
    );
}

#[test]
fn quiet_prints_nothing() {
    let run = wellscan(&["scan", "--demo", "--quiet", "--out", "{tmp}/r"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

#[test]
fn unknown_region_is_a_usage_error_naming_valid_regions() {
    let run = wellscan(&["scan", "--demo", "--regions", "mars-1", "--out", "{tmp}/r"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("unknown region `mars-1`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("eu-west-1") && run.stderr.contains("us-east-1"),
        "{}",
        run.stderr
    );
    assert!(!run.tmp.path().join("r/assessment.json").exists());
}

#[test]
fn a_real_region_missing_from_the_recording_is_named() {
    let run = wellscan(&[
        "scan",
        "--demo",
        "--regions",
        "sa-east-1",
        "--out",
        "{tmp}/r",
    ]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("`sa-east-1` is not in the recorded inventory"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ap-northeast-1"), "{}", run.stderr);
}

#[test]
fn regions_filter_the_recorded_inventory() {
    let run = wellscan(&[
        "scan",
        "--demo",
        "--regions",
        "eu-west-1",
        "--quiet",
        "--out",
        "{tmp}/r",
    ]);
    run.assert_code(0);
    let a = run.json(&run.tmp.path().join("r/assessment.json"));
    assert_eq!(a["scan"]["regions"], serde_json::json!(["eu-west-1"]));
    let findings = a["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        let region = f["region"].as_str().unwrap_or_default();
        assert!(
            region == "eu-west-1" || region == "global",
            "finding from {region}"
        );
    }
}

#[test]
fn unwritable_out_fails_before_any_work() {
    let run = wellscan_with(
        &["scan", "--demo", "--out", "{tmp}/blocker/reports"],
        |tmp| {
            std::fs::write(tmp.join("blocker"), b"a file, not a folder").expect("write blocker");
        },
    );
    run.assert_code(2);
    assert!(
        run.stderr.contains("--out") && run.stderr.contains("blocker/reports"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("checks:"),
        "work started: {}",
        run.stderr
    );
}

#[test]
fn missing_inventory_file_is_named() {
    let run = wellscan(&["scan", "--inventory", "{tmp}/nope.json", "--out", "{tmp}/r"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("cannot read inventory") && run.stderr.contains("nope.json"),
        "{}",
        run.stderr
    );
}

#[test]
fn inventory_that_is_not_json_is_named_with_the_problem() {
    let run = wellscan_with(
        &["scan", "--inventory", "{tmp}/inv.json", "--out", "{tmp}/r"],
        |tmp| {
            std::fs::write(tmp.join("inv.json"), "resources: [ec2]\n").expect("write");
        },
    );
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("inv.json is not a usable inventory: not valid JSON"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("line 1"), "{}", run.stderr);
}

#[test]
fn inventory_from_a_newer_wellscan_is_refused() {
    let run = wellscan_with(
        &["scan", "--inventory", "{tmp}/inv.json", "--out", "{tmp}/r"],
        |tmp| {
            std::fs::write(
                tmp.join("inv.json"),
                r#"{"schema_version": 99, "resources": []}"#,
            )
            .expect("write");
        },
    );
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("schema_version 99 is newer than this wellscan reads"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_recorded_inventory_scans_like_the_demo() {
    let run = wellscan(&["scan", "--demo", "--quiet", "--out", "{tmp}/first"]);
    run.assert_code(0);
    let replay = run.again(&[
        "scan",
        "--inventory",
        "{tmp}/first/inventory.json",
        "--quiet",
        "--out",
        "{tmp}/second",
    ]);
    replay.assert_code(0);
    let first = run.json(&run.tmp.path().join("first/assessment.json"));
    let second = run.json(&run.tmp.path().join("second/assessment.json"));
    assert_eq!(first["findings"], second["findings"]);
    assert_eq!(first["overall_score"], second["overall_score"]);
    assert_eq!(second["scan"]["source"], "inventory");
}

#[test]
fn demo_and_profile_together_is_a_usage_error() {
    let run = wellscan(&["scan", "--demo", "--profile", "prod"]);
    run.assert_code(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn unknown_formats_and_paper_sizes_are_refused() {
    for (args, expected) in [
        (
            vec!["scan", "--demo", "--format", "pdf", "--paper", "a5"],
            "unknown paper size `a5`; sizes are a4, letter",
        ),
        (
            vec!["scan", "--demo", "--format", "docx"],
            "unknown report format `docx`",
        ),
    ] {
        let run = wellscan(&args);
        run.assert_code(2);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn paper_letter_sets_the_pdf_page_size() {
    let run = wellscan(&[
        "scan", "--demo", "--quiet", "--format", "pdf", "--paper", "letter", "--out", "{tmp}/r",
    ]);
    run.assert_code(0);
    let pdf = run.tmp.path().join("r/report.pdf");
    let size = wellscan_testkit::pdf_info(&pdf)
        .into_iter()
        .find(|(k, _)| k == "Page size")
        .map(|(_, v)| v)
        .unwrap_or_default();
    assert!(size.starts_with("612 x 792 pts"), "{size}");
    assert!(
        !run.tmp.path().join("r/report.html").exists(),
        "only the PDF was asked for"
    );
}

#[test]
fn fail_on_gates_ci_on_severity() {
    let run = wellscan(&[
        "scan",
        "--demo",
        "--quiet",
        "--fail-on",
        "critical",
        "--out",
        "{tmp}/r",
    ]);
    run.assert_code(3);
    assert!(
        run.tmp.path().join("r/report.html").is_file(),
        "reports are still written"
    );
    // An account with nothing wrong passes the gate.
    let none = wellscan_with(
        &[
            "scan",
            "--inventory",
            "{tmp}/clean.json",
            "--quiet",
            "--fail-on",
            "low",
            "--out",
            "{tmp}/r",
        ],
        |tmp| {
            let clean = r#"{"schema_version":1,"account_id":"123456789012","partition":"aws","regions":["us-east-1"],
            "scanned_at":"2026-11-01T00:00:00Z","resources":[]}"#;
            std::fs::write(tmp.join("clean.json"), clean).expect("write");
        },
    );
    none.assert_code(0);
}

#[test]
fn fail_on_new_alerts_on_what_appeared_since_the_last_scan_only() {
    let first = wellscan(&[
        "scan",
        "--demo",
        "--format",
        "json",
        "--fail-on-new",
        "critical",
        "--out",
        "{tmp}/first",
    ]);
    first.assert_code(3);
    assert!(
        first
            .stderr
            .contains("at or above critical since the previous scan"),
        "every finding of a first scan is new: {}",
        first.stderr
    );
    let second = first.again(&[
        "scan",
        "--demo",
        "--format",
        "json",
        "--quiet",
        "--fail-on-new",
        "critical",
        "--out",
        "{tmp}/second",
    ]);
    second.assert_code(0);
    // The findings are still there; only new ones trip the alert.
    let gate = first.again(&[
        "scan",
        "--demo",
        "--format",
        "json",
        "--quiet",
        "--fail-on",
        "critical",
        "--out",
        "{tmp}/third",
    ]);
    gate.assert_code(3);
}

#[test]
fn config_skips_checks_and_sets_required_tags() {
    let run = demo_with_config(
        "[checks]\nskip = [\"s3.bucket_public\"]\nrequired_tags = [\"CostCenter\"]\n",
        &["--quiet"],
    );
    run.assert_code(0);
    let a = run.json(&run.tmp.path().join("r/assessment.json"));
    let findings = a["findings"].as_array().expect("findings");
    assert!(findings.iter().all(|f| f["check_id"] != "s3.bucket_public"));
    let tag = findings
        .iter()
        .find(|f| f["check_id"] == "tags.missing_required")
        .expect("tag finding");
    assert_eq!(tag["evidence"], "missing tags: CostCenter");
}

#[test]
fn malformed_config_names_file_line_and_problem() {
    let run = demo_with_config("[checks]\nrequired_tags = [\"Owner\"]\nskipp = []\n", &[]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("wellscan.toml is not a valid wellscan config"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown field `skipp`"),
        "{}",
        run.stderr
    );
}

#[test]
fn config_values_that_cannot_be_meant_are_refused_with_the_key_and_line() {
    for (config, says, line) in [
        (
            "[checks]\nrequired_tags = [\"\", \"Owner\"]\n",
            "tag key 1 is blank",
            "line 2",
        ),
        (
            "[checks]\nrequired_tags = [\"Owner\", \"owner\"]\n",
            "tag key `owner` is named twice",
            "line 2",
        ),
        (
            "[checks.thresholds]\nidle_cpu_percent = nan\n",
            "NaN is not a percentage",
            "line 2",
        ),
        (
            "[checks.thresholds]\n\nidle_cpu_percent = -5.0\n",
            "-5 is not a percentage",
            "line 3",
        ),
        (
            "[checks.thresholds]\naccess_key_max_age_days = 0\n",
            "0 days is not a threshold",
            "line 2",
        ),
        (
            "[checks.thresholds]\nlog_retention_min_days = 99999999\n",
            "is not a threshold",
            "line 2",
        ),
    ] {
        let run = demo_with_config(config, &[]);
        run.assert_code(2);
        assert!(
            run.stderr.contains(says) && run.stderr.contains(line),
            "{config}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("wellscan.toml"), "{}", run.stderr);
    }
}

#[test]
fn help_explains_how_to_start() {
    let run = wellscan(&["scan", "--help"]);
    run.assert_code(0);
    for flag in [
        "--demo",
        "--inventory",
        "--regions",
        "--out",
        "--fail-on",
        "--config",
        "--format",
    ] {
        assert!(run.stdout.contains(flag), "help lacks {flag}");
    }
    let top = run.again(&["--help"]);
    assert!(
        top.stdout.contains("wellscan scan --demo"),
        "{}",
        top.stdout
    );
    assert!(top.stdout.contains("Exit codes"), "{}", top.stdout);
}

fn wellscan_with(args: &[&str], setup: impl FnOnce(&std::path::Path)) -> Run {
    util::wellscan_in(args, setup)
}

/// `wellscan scan --demo --config wellscan.toml --out r EXTRA` with `config` as the file.
fn demo_with_config(config: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "scan",
        "--demo",
        "--config",
        "{tmp}/wellscan.toml",
        "--out",
        "{tmp}/r",
    ];
    args.extend_from_slice(extra);
    wellscan_with(&args, |tmp| {
        std::fs::write(tmp.join("wellscan.toml"), config).expect("write");
    })
}

#[test]
fn the_example_config_is_valid() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../wellscan.example.toml");
    let run = wellscan(&[
        "scan", "--demo", "--quiet", "--config", example, "--out", "{tmp}/r",
    ]);
    run.assert_code(0);
}

#[test]
fn suppressions_set_findings_aside_with_reasons_until_they_expire() {
    let first = wellscan(&["scan", "--demo", "--quiet", "--out", "{tmp}/r"]);
    first.assert_code(0);
    let a = first.json(&first.tmp.path().join("r/assessment.json"));
    let target = &a["findings"][0];
    let (check, resource) = (
        target["check_id"].as_str().expect("check").to_string(),
        target["resource_id"]
            .as_str()
            .expect("resource")
            .to_string(),
    );
    let run = demo_with_config(
        &format!(
            "[[checks.suppress]]\ncheck = \"{check}\"\nresource = \"{resource}\"\n\
                 reason = \"accepted by the risk board, ticket SEC-142\"\nexpires = 2099-12-31\n\n\
                 [[checks.suppress]]\ncheck = \"ebs.volume_unattached\"\ntag = \"Application=migration\"\n\
                 reason = \"migration leftovers\"\nexpires = 2020-01-01\n"
        ),
        &[],
    );
    run.assert_code(0);
    let b = run.json(&run.tmp.path().join("r/assessment.json"));
    let same = |f: &serde_json::Value| f["check_id"] == check && f["resource_id"] == resource;
    assert!(
        !b["findings"].as_array().expect("findings").iter().any(same),
        "the suppressed finding is still scored"
    );
    let suppressed = b["suppressed"].as_array().expect("suppressed");
    assert_eq!(suppressed.len(), 1, "{suppressed:#?}");
    assert!(same(&suppressed[0]["finding"]));
    assert_eq!(
        suppressed[0]["reason"],
        "accepted by the risk board, ticket SEC-142"
    );
    assert_eq!(suppressed[0]["expires"], "2099-12-31");
    let html = std::fs::read_to_string(run.tmp.path().join("r/report.html")).expect("html");
    assert!(html.contains("Suppressed findings"));
    assert!(html.contains("ticket SEC-142"));
    // The expired one no longer applies, and the user is told.
    let expired = b["expired_suppressions"].as_array().expect("expired");
    assert_eq!(expired.len(), 1, "{expired:#?}");
    assert_eq!(expired[0]["matched"], "tag Application=migration");
    assert!(
        b["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["check_id"] == "ebs.volume_unattached"),
        "the expired suppression still hides findings"
    );
    assert!(
        run.stdout.contains("Suppression expired on 2020-01-01"),
        "{}",
        run.stdout
    );
    // The workbook lists the expired one too, and says how its savings headline counts.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(run.tmp.path().join("r/report.xlsx")).expect("workbook");
    let cells = |book: &mut calamine::Xlsx<_>, sheet: &str| -> Vec<String> {
        book.worksheet_range(sheet)
            .expect("sheet")
            .rows()
            .flatten()
            .map(|c| c.to_string())
            .collect()
    };
    let suppressed = cells(&mut book, "Suppressed");
    assert!(
        suppressed
            .iter()
            .any(|c| c.starts_with("Expired suppressions")),
        "{suppressed:?}"
    );
    assert!(suppressed.iter().any(|c| c == "tag Application=migration"));
    assert!(suppressed.iter().any(|c| c == "2020-01-01"));
    let summary = cells(&mut book, "Summary");
    assert!(
        summary
            .iter()
            .any(|c| c.starts_with("Counts each resource once")),
        "{summary:?}"
    );
}

#[test]
fn a_suppression_without_a_reason_is_refused_with_the_file_and_problem() {
    let run = demo_with_config(
        "[[checks.suppress]]\ncheck = \"ebs.volume_unattached\"\nresource = \"vol-1\"\nexpires = 2027-01-01\n",
        &[],
    );
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("wellscan.toml is not a valid wellscan config"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("missing field `reason`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("line 1"), "{}", run.stderr);

    let unknown = demo_with_config(
        "[[checks.suppress]]\ncheck = \"ec2.nope\"\nresource = \"i-1\"\nreason = \"x\"\nexpires = 2027-01-01\n",
        &[],
    );
    unknown.assert_code(2);
    assert!(
        unknown.stderr.contains("no check has the id `ec2.nope`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_team_price_file_changes_the_savings_and_a_bad_one_is_refused() {
    let embedded = include_str!("../../../checks/data/prices.json");
    let base = wellscan(&["scan", "--demo", "--quiet", "--out", "{tmp}/r"]);
    base.assert_code(0);
    let base_total = base.json(&base.tmp.path().join("r/assessment.json"))["executive_summary"]
        ["monthly_savings_usd"]
        .as_f64()
        .expect("total");

    let run = wellscan_with(
        &[
            "scan",
            "--demo",
            "--quiet",
            "--prices",
            "{tmp}/prices.json",
            "--out",
            "{tmp}/r",
        ],
        |tmp| {
            let mut table: serde_json::Value = serde_json::from_str(embedded).expect("json");
            for (_, price) in table["ec2_hourly"].as_object_mut().expect("ec2").iter_mut() {
                *price = serde_json::json!(price.as_f64().expect("price") * 2.0);
            }
            table["taken_on"] = serde_json::json!("2026-11-01");
            std::fs::write(tmp.join("prices.json"), table.to_string()).expect("write");
        },
    );
    run.assert_code(0);
    let a = run.json(&run.tmp.path().join("r/assessment.json"));
    let total = a["executive_summary"]["monthly_savings_usd"]
        .as_f64()
        .expect("total");
    assert!(total > base_total, "{total} vs {base_total}");
    assert_eq!(a["scan"]["prices_taken_on"], "2026-11-01");

    let bad = wellscan_with(
        &[
            "scan",
            "--demo",
            "--prices",
            "{tmp}/prices.json",
            "--out",
            "{tmp}/r",
        ],
        |tmp| {
            std::fs::write(
                tmp.join("prices.json"),
                "{\n  \"taken_on\": \"2026-11-01\",\n  oops\n}",
            )
            .expect("write");
        },
    );
    bad.assert_code(2);
    assert!(
        bad.stderr
            .contains("prices.json is not a usable price table"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("line 3"), "{}", bad.stderr);
}

#[test]
fn numbers_too_large_for_a_flag_are_refused_with_its_range() {
    for (args, says) in [
        (
            &["scan", "--demo", "--deadline", "18446744073709551615"][..],
            "is not in 1..=604800",
        ),
        (
            &["scan", "--demo", "--deadline", "0"][..],
            "is not in 1..=604800",
        ),
        (
            &["scan", "--demo", "--concurrency", "99999999999999999999"][..],
            "--concurrency",
        ),
        (
            &["scan", "--demo", "--concurrency", "0"][..],
            "0 is not in 1..=4096",
        ),
        (
            &[
                "scan",
                "--demo",
                "--s3",
                "s3://audit-bucket/wellscan",
                "--link-expiry",
                "99999999999999d",
            ][..],
            "--link-expiry",
        ),
        (&["history", "--limit", "0"][..], "0 is not in 1..=100000"),
    ] {
        let run = wellscan(args);
        run.assert_code(2);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

#[test]
fn an_input_file_over_the_size_cap_is_refused_naming_it() {
    let run = wellscan_with(&["scan", "--inventory", "huge.json"], |tmp| {
        let file = std::fs::File::create(tmp.join("huge.json")).expect("create");
        // Sparse: 257 MiB of nothing, without writing it.
        file.set_len(257 * 1024 * 1024).expect("size");
    });
    run.assert_code(2);
    assert!(
        run.stderr.contains("huge.json") && run.stderr.contains("larger than 256 MiB"),
        "{}",
        run.stderr
    );
}
