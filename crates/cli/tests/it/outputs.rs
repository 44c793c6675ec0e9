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
