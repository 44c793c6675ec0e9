//! What a user sees from the demo account.

use std::collections::{BTreeMap, BTreeSet};

use wellscan_model::{Inventory, Pillar};

use crate::demo_scan;

#[tokio::test]
async fn findings_are_real_and_varied_in_every_pillar() {
    let (dir, outcome) = demo_scan().await;
    let a = &outcome.assessment;
    let inventory_text =
        std::fs::read_to_string(dir.path().join("inventory.json")).expect("inventory.json");
    let inventory = Inventory::from_json(&inventory_text).expect("inventory parses");

    let mut checks_by_pillar: BTreeMap<Pillar, BTreeSet<&str>> = BTreeMap::new();
    for f in &a.findings {
        checks_by_pillar
            .entry(f.pillar)
            .or_default()
            .insert(&f.check_id);
        let resource = inventory
            .resources
            .iter()
            // A kind, region and id name one resource: the account's Organizations record and
            // its Cost Optimization Hub share the account id.
            .find(|r| {
                r.kind().id() == f.resource_kind
                    && r.id() == f.resource_id
                    && r.region() == f.region
            })
            .unwrap_or_else(|| {
                panic!(
                    "finding {} names {} which is not in the inventory",
                    f.id, f.resource_id
                )
            });
        assert_eq!(resource.arn(), f.resource_arn);
        assert!(!f.evidence.is_empty() && !f.remediation.is_empty());
    }
    for pillar in Pillar::ALL {
        let checks = checks_by_pillar
            .get(&pillar)
            .map(BTreeSet::len)
            .unwrap_or(0);
        assert!(checks >= 2, "{pillar} has findings from {checks} checks");
        let p = a.pillar(pillar).expect("pillar present");
        assert!(p.score > 0 && p.score < 100, "{pillar} scores {}", p.score);
        assert!(
            !p.recommendations.is_empty(),
            "{pillar} has no recommendations"
        );
    }
    // Healthy resources pass: not everything fails.
    for check in &a.checks {
        assert!(
            check.evaluated > 0,
            "{} evaluated nothing on the demo",
            check.check_id
        );
    }
    assert!(
        a.checks.iter().any(|c| c.failed < c.evaluated / 2),
        "the demo is not all failures"
    );
    assert!(a.executive_summary.monthly_savings_usd > 0.0);
}

#[tokio::test]
async fn recommendations_cite_only_findings_and_resources_of_this_scan() {
    let (_, outcome) = demo_scan().await;
    let a = &outcome.assessment;
    let finding_ids: BTreeSet<&str> = a.findings.iter().map(|f| f.id.as_str()).collect();
    let resource_ids: BTreeSet<&str> = a.findings.iter().map(|f| f.resource_id.as_str()).collect();
    for p in &a.pillars {
        for r in &p.recommendations {
            assert!(
                !r.finding_ids.is_empty(),
                "{}: ungrounded recommendation",
                r.title
            );
            for id in &r.finding_ids {
                assert!(
                    finding_ids.contains(id.as_str()),
                    "{} cites unknown finding {id}",
                    r.title
                );
            }
            for id in &r.resource_ids {
                assert!(
                    resource_ids.contains(id.as_str()),
                    "{} cites unknown resource {id}",
                    r.title
                );
            }
        }
    }
}

#[tokio::test]
async fn html_report_shows_japanese_names_and_treats_the_injection_as_text() {
    let (dir, outcome) = demo_scan().await;
    let html = std::fs::read_to_string(dir.path().join("report.html")).expect("report.html");
    assert!(
        html.contains("請求バッチサーバー"),
        "the Japanese resource name is in the report"
    );
    for pillar in Pillar::ALL {
        assert!(html.contains(pillar.title()));
    }
    assert!(
        html.contains(
            &outcome
                .assessment
                .executive_summary
                .headline
                .replace('&', "&amp;")
        )
    );
    assert!(
        !html.contains("http://")
            || html.matches("http://").all(|_| false)
            || html.contains("http://www.w3.org/2000/svg")
    );
    assert_eq!(html.matches("<script").count(), 1, "one script");
    assert!(
        html.contains("<script>// wellscan report"),
        "and it is wellscan's own"
    );
    // It loads nothing from elsewhere: the only outside addresses are links to the AWS console,
    // and the only `url(` is a font it carries inline.
    assert!(!html.contains("src="));
    assert!(
        html.matches("url(").count() == html.matches("url(data:font/ttf;base64,").count(),
        "a url( that is not an inline font"
    );
    assert!(
        html.contains("font-family:\"wellscan cjk\""),
        "the Japanese names' glyphs"
    );
    assert_eq!(html.matches("<link").count(), 1);
    assert!(html.contains(r#"<link rel="icon" href="data:,">"#));
    assert!(
        html.contains("default-src 'none'"),
        "a policy that forbids fetching"
    );
    let outside = html.matches("https://").count();
    let console_links = html.matches("href=\"https://").count();
    assert_eq!(
        outside, console_links,
        "every outside address is a link, none is loaded"
    );
    assert!(
        html.contains("href=\"https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#")
    );

    // The instructing tag changed nothing the checks decide.
    let injected = outcome
        .assessment
        .findings
        .iter()
        .filter(|f| f.resource_name.starts_with("bastion"))
        .count();
    assert!(
        injected > 0,
        "the resource carrying the injection still has findings"
    );
    assert!(outcome.assessment.overall_score < 100);
}

#[tokio::test]
async fn markup_in_account_data_is_escaped() {
    let hostile = crate::HOSTILE_NAME;
    let (out, _) = crate::hostile_scan().await;
    let html = std::fs::read_to_string(out.path().join("report.html")).expect("report.html");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains(hostile));
}
