//! The HTML report carries the glyphs of the names it shows: a Japanese alarm name renders as
//! Japanese in headless Chromium from the font the page carries, on any machine.

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
    // Which fonts drew the name, as the renderer reports them: every glyph from a font the page
    // carries, whatever fonts this machine has and however it draws characters none of them has.
    let used = wellscan_testkit::fonts_used(html.as_bytes(), NAME);
    let glyphs: u64 = used.iter().map(|f| f.glyphs).sum();
    assert_eq!(
        glyphs,
        NAME.chars().count() as u64,
        "not every character of the name was drawn: {used:?}"
    );
    assert!(
        used.iter().all(|f| f.from_page),
        "the name is drawn with the machine's fonts, not the one the page carries: {used:?}"
    );
    // Without the carried fonts no glyph comes from the page: the measure tells the two apart.
    let bare = wellscan_testkit::fonts_used(without_fonts(&html).as_bytes(), NAME);
    assert!(
        bare.iter().all(|f| !f.from_page),
        "a page without @font-face drew with a page font: {bare:?}"
    );
}
