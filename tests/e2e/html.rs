//! The HTML report in headless Chromium: it loads from a loopback server with no console
//! message and no request but its own, markup in account data stays text, and the findings
//! filter and sort as a reader would use them (the filter state lives in the address).

use std::path::PathBuf;

use wellscan_model::{Assessment, Finding, ResourceKind};
use wellscan_testkit::browse;

use crate::{HOSTILE_NAME, demo_scan, hostile_scan};

fn service(f: &Finding) -> &'static str {
    ResourceKind::ALL
        .iter()
        .find(|k| k.id() == f.resource_kind)
        .map(|k| k.service())
        .expect("known kind")
}

/// The `data-*` attributes of every findings row in a dumped DOM, with whether it is hidden.
fn rows(dom: &str) -> Vec<(Vec<(String, String)>, bool)> {
    dom.split("<tr ")
        .skip(1)
        .filter(|t| t.starts_with("data-pillar"))
        .map(|t| {
            let tag = &t[..t.find('>').unwrap_or(t.len())];
            let attrs = tag
                .split("\" ")
                .filter_map(|a| a.split_once("=\""))
                .map(|(k, v)| (k.trim().to_string(), v.trim_end_matches('"').to_string()))
                .collect();
            (attrs, tag.contains("hidden"))
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> &'a str {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

fn html_of(dir: &std::path::Path) -> Vec<u8> {
    std::fs::read(dir.join("report.html")).expect("report.html")
}

fn shown(a: &Assessment, n: usize) -> String {
    format!("{n} of {} findings shown", a.findings.len())
}

#[tokio::test]
async fn the_page_loads_offline_with_no_errors_and_markup_stays_text() {
    let (out, outcome) = hostile_scan().await;
    let page = browse(&html_of(out.path()), "", None);
    assert!(page.console.is_empty(), "console: {:#?}", page.console);
    assert_eq!(page.served, vec!["/report.html"], "the page asked for more");
    // Whatever else is in Chromium's log is the browser's own services, which the page's
    // policy cannot reach; no other loopback or outside address appears.
    for url in &page.urls {
        let host = url.split('/').nth(2).unwrap_or_default();
        let host = host.split(':').next().unwrap_or_default();
        assert!(
            host == "127.0.0.1"
                || ["google.com", "googleapis.com", "gstatic.com"]
                    .iter()
                    .any(|d| host.ends_with(d)),
            "unexpected request to {url}"
        );
    }
    assert_eq!(
        page.dom.matches("<script").count(),
        1,
        "only wellscan's own script"
    );
    assert!(
        page.dom
            .contains(&HOSTILE_NAME.replace('<', "&lt;").replace('>', "&gt;"))
    );
    assert!(page.dom.contains(&shown(
        &outcome.assessment,
        outcome.assessment.findings.len()
    )));
    assert!(
        !page
            .dom
            .contains("<form id=\"filters\" class=\"filters\" hidden"),
        "the script showed the filters"
    );
}

#[tokio::test]
async fn findings_filter_by_pillar_severity_region_and_service_and_sort() {
    let (out, outcome) = demo_scan().await;
    let a = &outcome.assessment;
    let pick = a
        .findings
        .iter()
        .find(|f| f.severity == wellscan_model::Severity::High && f.region != "global")
        .expect("a high finding in a region");
    let expected: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| {
            f.pillar == pick.pillar
                && f.severity == pick.severity
                && f.region == pick.region
                && service(f) == service(pick)
        })
        .collect();
    let fragment = format!(
        "filter:pillar={}&severity=high&region={}&service={}",
        pick.pillar.id(),
        pick.region,
        service(pick)
    );
    let screenshot = screenshot_path("report-filtered.png");
    let page = browse(
        &html_of(out.path()),
        &fragment,
        Some((&screenshot, 1280, 5000)),
    );
    assert!(page.console.is_empty(), "console: {:#?}", page.console);
    assert!(
        page.dom.contains(&shown(a, expected.len())),
        "{}",
        shown(a, expected.len())
    );
    let visible: Vec<_> = rows(&page.dom)
        .into_iter()
        .filter(|(_, hidden)| !hidden)
        .collect();
    assert_eq!(visible.len(), expected.len());
    for (attrs, _) in &visible {
        assert_eq!(attr(attrs, "data-region"), pick.region);
        assert_eq!(attr(attrs, "data-severity"), "high");
        assert_eq!(attr(attrs, "data-service"), service(pick));
    }
    let size = std::fs::metadata(&screenshot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 20_000,
        "screenshot {} is {size} bytes",
        screenshot.display()
    );

    // Sorted by region, descending, within the pillar.
    let fragment = format!("filter:pillar={}&sort=region:desc", pick.pillar.id());
    let page = browse(&html_of(out.path()), &fragment, None);
    let regions: Vec<String> = rows(&page.dom)
        .into_iter()
        .filter(|(_, hidden)| !hidden)
        .map(|(attrs, _)| attr(&attrs, "data-region").to_string())
        .collect();
    let in_pillar = a
        .findings
        .iter()
        .filter(|f| f.pillar == pick.pillar)
        .count();
    assert_eq!(regions.len(), in_pillar);
    assert!(
        regions.windows(2).all(|w| w[0] >= w[1]),
        "not descending: {regions:?}"
    );
    assert!(page.dom.contains("aria-sort=\"descending\""));
}

/// Where screenshots go for review: `target/screenshots/`.
fn screenshot_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir.join(name)
}
