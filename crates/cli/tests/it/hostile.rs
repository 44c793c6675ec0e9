//! An account with unfriendly names and fields, replayed through the real binary: every
//! format is written and reads back as a person would open it.

use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};
use serde_json::{Value, json};

use crate::util::wellscan_in;

/// A 258-character Japanese alarm name.
fn alarm_name() -> String {
    "高負荷アラーム".repeat(37).chars().take(258).collect()
}

/// An 800-character log group name full of the characters addresses escape.
fn log_group_name() -> String {
    "a/#%?&".repeat(134).chars().take(800).collect()
}

/// Right-to-left text with an override, emoji, and terminal control codes.
const MIXED: &str = "مرحبا \u{202e}exe.txt 🔥🚀 \u{1b}[31mred\u{7}\u{0}";

/// The demo account plus an alarm, a log group and a security group that are hostile to
/// every format's limits, written to `dir/hostile.json`.
pub fn write_hostile_inventory(dir: &Path) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/demo/inventory.json");
    let text = std::fs::read_to_string(demo).expect("demo inventory");
    let mut inventory: Value = serde_json::from_str(&text).expect("demo json");
    let huge = format!("{MIXED} {}", "説明".repeat(20_000));
    let resources = inventory["resources"].as_array_mut().expect("resources");
    resources.push(json!({
        "kind": "cloudwatch_alarm",
        "id": alarm_name(),
        "arn": format!("arn:aws:cloudwatch:us-east-1:123456789012:alarm:{}", alarm_name()),
        "region": "us-east-1",
        "tags": {"Name": MIXED},
        "namespace": "AWS/EC2",
        "metric_name": "CPUUtilization",
        "actions_enabled": false,
    }));
    resources.push(json!({
        "kind": "log_group",
        "id": log_group_name(),
        "arn": format!("arn:aws:logs:us-east-1:123456789012:log-group:{}", log_group_name()),
        "region": "us-east-1",
        "tags": {"Owner": huge},
        "stored_bytes": 5_000_000_000u64,
    }));
    resources.push(json!({
        "kind": "security_group",
        "id": "sg-0hostile",
        "arn": "arn:aws:ec2:ap-northeast-1:123456789012:security-group/sg-0hostile",
        "region": "ap-northeast-1",
        "tags": {"Name": MIXED},
        "name": "bastion",
        "description": huge,
        "ingress": [{"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}],
        "in_use": true,
    }));
    std::fs::write(
        dir.join("hostile.json"),
        serde_json::to_string(&inventory).expect("json"),
    )
    .expect("write");
}

#[test]
fn hostile_names_and_fields_never_lose_a_report() {
    let run = wellscan_in(
        &[
            "scan",
            "--inventory",
            "hostile.json",
            "--out",
            "out",
            "--no-history",
        ],
        write_hostile_inventory,
    );
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    // What reaches the terminal carries no escape, bell or reordering mark from the names.
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\t')
                    || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{name} has a control character"
        );
    }
    assert!(
        run.stdout.contains("مرحبا"),
        "the names are still shown:\n{}",
        run.stdout
    );
    let out = run.tmp.path().join("out");
    for file in [
        "inventory.json",
        "assessment.json",
        "report.html",
        "report.pdf",
        "report.xlsx",
    ] {
        assert!(out.join(file).is_file(), "{file} missing: {}", run.stderr);
    }

    let assessment: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("assessment.json")).expect("assessment"),
    )
    .expect("assessment is JSON");
    let findings = assessment["findings"].as_array().expect("findings");
    for id in [alarm_name(), log_group_name(), "sg-0hostile".to_string()] {
        assert!(
            findings.iter().any(|f| f["resource_id"] == id.as_str()),
            "no finding for {}",
            id.chars().take(20).collect::<String>()
        );
    }

    // The PDF: text extracts, with the Japanese name in it.
    let text = wellscan_testkit::pdf_text(&out.join("report.pdf"));
    assert!(
        text.contains("高負荷アラーム"),
        "the alarm name is not in the PDF"
    );

    // The workbook opens, and its cells hold at most what Excel allows.
    let mut book: Xlsx<_> = open_workbook(out.join("report.xlsx")).expect("workbook opens");
    let findings_sheet = book.worksheet_range("Findings").expect("Findings sheet");
    let cells: Vec<String> = findings_sheet
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(cells.iter().any(|c| c == &alarm_name()));
    assert!(cells.iter().any(|c| c == &log_group_name()));
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for cell in range.rows().flatten() {
            let s = cell.to_string();
            assert!(
                s.chars().count() <= 32_767,
                "{name}: a cell of {} chars",
                s.len()
            );
            assert!(
                !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{name}: a control character in a cell"
            );
        }
    }

    // The page: loads with no error, shows the Japanese name.
    let html = std::fs::read(out.join("report.html")).expect("html");
    let page = wellscan_testkit::browse(&html, "", None);
    assert!(page.console.is_empty(), "console: {:#?}", page.console);
    assert!(page.dom.contains(&alarm_name()));
}

/// The demo account with every tagged resource named `name`, written to `dir/named.json`.
pub fn write_hostile_json(dir: &Path, name: &str) -> std::path::PathBuf {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/demo/inventory.json");
    let text = std::fs::read_to_string(demo).expect("demo inventory");
    let mut inventory: Value = serde_json::from_str(&text).expect("demo json");
    for resource in inventory["resources"].as_array_mut().expect("resources") {
        if let Some(tags) = resource.get_mut("tags").and_then(Value::as_object_mut) {
            tags.insert("Name".into(), name.into());
        }
    }
    let path = dir.join("named.json");
    std::fs::write(&path, inventory.to_string()).expect("write inventory");
    path
}
