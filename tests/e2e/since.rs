//! "Since the last scan" in every report: two recorded scans of the demo account, the second
//! with one unattached volume deleted.

use std::sync::Arc;
use std::time::Duration;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use wellscan_agents::Offline;
use wellscan_model::Resource;
use wellscan_orchestrator::{InventorySource, ScanOutcome, Services};
use wellscan_report::{Format, LocalDir};
use wellscan_store::SqliteStore;

async fn scan(
    store: &Arc<SqliteStore>,
    source: InventorySource,
    out: &std::path::Path,
    id: &str,
) -> ScanOutcome {
    let mut plan = crate::plan(
        source,
        vec![Format::Pdf, Format::Xlsx, Format::Html, Format::Json],
        Duration::from_secs(30),
    );
    plan.scan_id = id.to_string();
    let services = Services {
        analyst: Arc::new(Offline),
        publisher: Arc::new(LocalDir::new(out)),
        upload: None,
        history: Some(store.clone()),
    };
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    wellscan_orchestrator::run(&plan, &services, &tx)
        .await
        .expect("scan")
}

#[tokio::test]
async fn every_report_says_what_changed_since_the_last_scan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(SqliteStore::open(&dir.path().join("h.db")).expect("open"));

    // Both scans replay a file: a demo scan is never a replayed file's baseline.
    let before = dir.path().join("before.json");
    let demo = wellscan_orchestrator::demo_inventory().expect("demo");
    std::fs::write(&before, serde_json::to_string(&demo).expect("json")).expect("write");
    let first = scan(
        &store,
        InventorySource::File(before),
        &dir.path().join("one"),
        "first",
    )
    .await;
    let since = first
        .assessment
        .since_last
        .as_ref()
        .expect("recorded scans carry their history");
    assert!(
        since.diff.is_none(),
        "nothing to compare the first scan with"
    );
    assert_eq!(since.trend.len(), 1);
    let html = std::fs::read_to_string(dir.path().join("one/report.html")).expect("html");
    assert!(html.contains("This is the first recorded scan of this account"));

    let mut inventory = wellscan_orchestrator::demo_inventory().expect("demo");
    let at = inventory
        .resources
        .iter()
        .position(|r| matches!(r, Resource::EbsVolume(v) if v.state == "available"))
        .expect("an unattached volume");
    let volume = inventory.resources.remove(at).id().to_string();
    let path = dir.path().join("after.json");
    std::fs::write(&path, serde_json::to_string(&inventory).expect("json")).expect("write");
    let second = scan(
        &store,
        InventorySource::File(path),
        &dir.path().join("two"),
        "second",
    )
    .await;
    assert_eq!(second.history_error, None);

    let since = second.assessment.since_last.as_ref().expect("history");
    let d = since.diff.as_ref().expect("compared with the first scan");
    assert_eq!(d.from_scan, first.assessment.scan.id);
    assert!(d.new.is_empty(), "{:?}", d.new);
    assert_eq!(d.gone.len(), 1);
    assert_eq!(d.gone[0].resource_id, volume);
    assert!(
        !d.resolved.is_empty()
            && d.resolved
                .iter()
                .all(|r| r.resource_gone && r.finding.resource_id == volume)
    );
    assert!(
        d.savings_delta_usd < 0.0,
        "the idle volume's savings are gone: {}",
        d.savings_delta_usd
    );
    assert_eq!(since.trend.len(), 2);

    let out = dir.path().join("two");
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert!(html.contains("Since the last scan") && html.contains("resource gone, not fixed"));
    assert!(html.contains(r#"aria-label="Scores over the last scans""#));

    let text = wellscan_testkit::pdf_text(&out.join("report.pdf"));
    assert!(text.contains("Since the last scan"));
    assert!(text.contains("Scores over the last 2 scans"));
    assert!(text.contains("resource gone, not fixed"));

    let bytes = std::fs::read(out.join("report.xlsx")).expect("xlsx");
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let sheet = book.worksheet_range("Since last scan").expect("the sheet");
    let gone_rows = sheet
        .rows()
        .filter(|r| r.first() == Some(&Data::String("resolved: resource gone".into())))
        .count();
    assert_eq!(gone_rows, d.resolved.len());

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("assessment.json")).expect("json"))
            .expect("parse");
    assert_eq!(
        json["since_last"]["diff"]["gone"][0]["resource_id"],
        volume.as_str()
    );
}
