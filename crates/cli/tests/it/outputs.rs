//! What a scan leaves on disk: private files, a folder of its own, and reports that say what
//! could not be judged.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::util::{wellscan, wellscan_in};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn reports_and_the_history_are_readable_by_their_owner_only() {
    let run = wellscan(&["scan", "--demo", "--quiet", "--out", "{tmp}/new/reports"]);
    run.assert_code(0);
    let out = run.tmp.path().join("new/reports");
    assert_eq!(mode(&out), 0o700, "the folder wellscan made");
    assert_eq!(mode(&run.tmp.path().join("new")), 0o700);
    for file in [
        "inventory.json",
        "assessment.json",
        "report.html",
        "report.pdf",
        "report.xlsx",
    ] {
        assert_eq!(mode(&out.join(file)), 0o600, "{file}");
    }
    let history = run.tmp.path().join("wellscan/history.db");
    assert_eq!(mode(&history), 0o600);
    assert_eq!(mode(&run.tmp.path().join("wellscan")), 0o700);
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_out_folder_with_another_scans_reports_is_refused_unless_forced() {
    let first = wellscan(&["scan", "--demo", "--quiet", "--out", "{tmp}/r"]);
    first.assert_code(0);
    let again = first.again(&[
        "scan", "--demo", "--quiet", "--format", "json", "--out", "{tmp}/r",
    ]);
    again.assert_code(2);
    assert!(
        again
            .stderr
            .contains("holds another scan's reports (inventory.json, assessment.json, report.html, report.pdf, report.xlsx)"),
        "{}",
        again.stderr
    );
    // Forced: the older PDF does not stay beside the newer assessment.
    let forced = first.again(&[
        "scan", "--demo", "--format", "json", "--out", "{tmp}/r", "--force",
    ]);
    forced.assert_code(0);
    assert!(
        forced
            .stderr
            .contains("--force: removed the earlier scan's"),
        "{}",
        forced.stderr
    );
    let out = first.tmp.path().join("r");
    assert!(out.join("assessment.json").is_file());
    assert!(!out.join("report.pdf").exists());
}

#[test]
fn every_report_lists_the_checks_that_could_not_judge_a_resource() {
    // The demo account with the flow logs of every VPC unread.
    let run = wellscan_in(
        &[
            "scan",
            "--inventory",
            "unread.json",
            "--out",
            "out",
            "--no-history",
        ],
        |tmp| {
            let demo =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/demo/inventory.json");
            let mut inventory: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(demo).expect("demo")).expect("json");
            for r in inventory["resources"].as_array_mut().expect("resources") {
                if r["kind"] == "vpc" {
                    r["unknown"] = serde_json::json!(["flow_logs_enabled"]);
                    r["flow_logs_enabled"] = serde_json::json!(false);
                }
            }
            std::fs::write(tmp.join("unread.json"), inventory.to_string()).expect("write");
        },
    );
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("Not evaluated: 1 check could not judge some resources"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ec2.vpc_without_flow_logs"),
        "{}",
        run.stdout
    );
    let out = run.tmp.path().join("out");
    let a: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("assessment.json")).expect("assessment"),
    )
    .expect("json");
    let check = a["checks"]
        .as_array()
        .and_then(|c| {
            c.iter()
                .find(|c| c["check_id"] == "ec2.vpc_without_flow_logs")
        })
        .expect("the check");
    assert!(check["not_evaluated"].as_u64().unwrap_or(0) > 0, "{check}");
    assert_eq!(check["failed"], 0, "no VPC fails on a fact not read");
    assert!(
        !a["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["check_id"] == "ec2.vpc_without_flow_logs")
    );
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert!(html.contains("Checks that could not judge some resources"));
    let pdf = wellscan_testkit::pdf_text(&out.join("report.pdf"));
    assert!(pdf.contains("Checks that could not judge some"), "PDF");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("report.xlsx")).expect("workbook");
    use calamine::Reader;
    let coverage = book.worksheet_range("Coverage").expect("Coverage sheet");
    let cells: Vec<String> = coverage.rows().flatten().map(|c| c.to_string()).collect();
    assert!(
        cells.iter().any(|c| c == "ec2.vpc_without_flow_logs"),
        "{cells:?}"
    );
}

#[test]
fn an_inventory_file_is_never_replaced_without_force_and_never_a_folder() {
    // Refused before any AWS call: no endpoint answers here.
    let run = wellscan_in(&["inventory", "--out", "existing.txt"], |tmp| {
        std::fs::write(tmp.join("existing.txt"), "keep me").expect("write");
        std::fs::create_dir(tmp.join("folder")).expect("folder");
    });
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "--out existing.txt exists: choose another file, or add --force to replace it"
        ),
        "{}",
        run.stderr
    );
    let kept = std::fs::read_to_string(run.tmp.path().join("existing.txt")).expect("kept");
    assert_eq!(kept, "keep me");
    let folder = run.again(&["inventory", "--out", "folder"]);
    folder.assert_code(2);
    assert!(
        folder
            .stderr
            .contains("--out folder is a folder: name the file to write"),
        "{}",
        folder.stderr
    );
}

#[test]
fn a_failed_run_leaves_no_folder_behind() {
    let run = wellscan(&["scan", "--demo", "--regions", "mars-1"]);
    run.assert_code(2);
    assert!(
        !run.tmp.path().join("wellscan-out").exists(),
        "an empty wellscan-out/<id>/ was left"
    );
    let named = run.again(&["scan", "--demo", "--regions", "mars-1", "--out", "new/r"]);
    named.assert_code(2);
    assert!(
        !run.tmp.path().join("new").exists(),
        "an empty --out was left"
    );
}

#[test]
fn a_second_scan_into_a_folder_being_written_is_refused_with_exit_1() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("r");
    std::fs::create_dir(&out).expect("out");
    // What a running scan holds.
    let lock = std::fs::File::create(out.join(".wellscan.lock")).expect("lock file");
    lock.try_lock().expect("lock");
    let run = crate::util::wellscan(&[
        "scan",
        "--demo",
        "--quiet",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("another wellscan scan is writing into --out")
            && run
                .stderr
                .contains("wait for it to finish, or choose another folder"),
        "{}",
        run.stderr
    );
    assert!(!out.join("assessment.json").exists());
    drop(lock);
    let after = crate::util::wellscan(&[
        "scan",
        "--demo",
        "--quiet",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    after.assert_code(0);
    assert!(
        !out.join(".wellscan.lock").exists(),
        "the lock is left behind"
    );
}

#[test]
fn show_prints_where_the_reports_are_from_anywhere() {
    let run = wellscan(&["scan", "--demo", "--quiet", "--out", "r"]);
    run.assert_code(0);
    let history = run.again(&["history", "--json"]);
    history.assert_code(0);
    let scans: serde_json::Value = serde_json::from_str(&history.stdout).expect("json");
    let id = scans[0]["scan_id"].as_str().expect("an id").to_string();
    let show = run.again(&["show", &id]);
    show.assert_code(0);
    let expected = run.tmp.path().join("r/report.pdf");
    assert!(
        show.stdout.contains(&expected.display().to_string()),
        "{}",
        show.stdout
    );
}

#[test]
fn options_that_would_do_nothing_are_refused() {
    for (args, says) in [
        (
            &["scan", "--demo", "--format", "json", "--paper", "letter"][..],
            "--paper sets the PDF's page size: add pdf to --format",
        ),
        (
            &["scan", "--demo", "--no-history", "--store", "dynamodb://t"][..],
            "cannot be used with",
        ),
        (
            &["scan", "--demo", "--no-history", "--db", "h.db"][..],
            "cannot be used with",
        ),
    ] {
        let run = wellscan(args);
        run.assert_code(2);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}
