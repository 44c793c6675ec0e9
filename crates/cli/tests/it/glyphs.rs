//! The HTML report carries the glyphs of the names it shows: a Japanese alarm name renders as
//! Japanese in headless Chromium on a machine without CJK fonts, not as boxes.

use serde_json::json;

use crate::util::wellscan_in;

const NAME: &str = "高負荷アラーム";

/// The page without the fonts it carries.
fn without_fonts(html: &str) -> String {
    html.lines()
        .filter(|l| !l.starts_with("@font-face"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn screenshot(html: &str, dir: &std::path::Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    // The name is in the first screen of so small a report.
    wellscan_testkit::browse(html.as_bytes(), "", Some((&path, 1000, 1400)));
    std::fs::read(&path).expect("a screenshot")
}

#[test]
fn a_japanese_name_renders_from_the_fonts_the_page_carries() {
    let run = wellscan_in(
        &[
            "scan",
            "--inventory",
            "inv.json",
            "--format",
            "html",
            "--out",
            "out",
            "--no-history",
            "--quiet",
        ],
        |dir| {
            let inventory = json!({
                "schema_version": 1, "account_id": "123456789012", "partition": "aws",
                "regions": ["us-east-1"], "scanned_at": "2026-11-01T00:00:00Z",
                "resources": [{
                    "kind": "cloudwatch_alarm", "id": NAME, "region": "us-east-1",
                    "arn": format!("arn:aws:cloudwatch:us-east-1:123456789012:alarm:{NAME}"),
                    "namespace": "AWS/EC2", "metric_name": "CPUUtilization", "actions_enabled": false,
                }],
            });
            std::fs::write(dir.join("inv.json"), inventory.to_string()).expect("write");
        },
    );
    run.assert_code(0);
    let html = std::fs::read_to_string(run.tmp.path().join("out/report.html")).expect("html");
    assert!(
        html.contains("@font-face { font-family:\"wellscan cjk\""),
        "no font carried"
    );
    assert!(
        html.contains("font-src data:"),
        "the policy refuses the font"
    );
    let shots = tempfile::tempdir().expect("temp dir");
    let carried = screenshot(&html, shots.path(), "carried.png");
    let bare = screenshot(&without_fonts(&html), shots.path(), "bare.png");
    // Other Japanese characters: drawn as the same boxes when no font has them.
    let boxes = "猫犬鳥魚馬牛羊";
    let tofu = screenshot(
        &without_fonts(&html).replace(NAME, boxes),
        shots.path(),
        "tofu.png",
    );
    assert_eq!(
        bare, tofu,
        "this machine has a CJK font, so it cannot show what the page carries"
    );
    assert_ne!(
        carried, bare,
        "the name renders as boxes: the carried font is not used"
    );
}
