//! The XLSX workbook read back as a spreadsheet program would: sheets, numbers as numbers,
//! dates as dates, and the demo account's Japanese names intact.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use wellscan_report::Format;

use crate::demo_scan;

#[tokio::test]
async fn the_workbook_holds_every_finding_with_typed_cells() {
    let (_dir, outcome) = demo_scan().await;
    let a = &outcome.assessment;
    let inventory = wellscan_orchestrator::demo_inventory().expect("demo");
    let file =
        wellscan_report::render(Format::Xlsx, a, &inventory, &Default::default()).expect("xlsx");
    assert_eq!(file.file_name, "report.xlsx");
    let links = console_links(&file.bytes);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(file.bytes)).expect("opens");

    let names = book.sheet_names();
    for sheet in [
        "Summary",
        "Findings",
        "Recommendations",
        "Savings",
        "Suppressed",
        "Coverage",
    ] {
        assert!(
            names.iter().any(|n| n == sheet),
            "{sheet} missing: {names:?}"
        );
    }
    for service in [
        "Inventory ec2",
        "Inventory iam",
        "Inventory s3",
        "Inventory rds",
    ] {
        assert!(
            names.iter().any(|n| n == service),
            "{service} missing: {names:?}"
        );
    }

    let summary = book.worksheet_range("Summary").expect("summary");
    assert_eq!(
        summary.get((4, 1)),
        Some(&Data::Float(f64::from(a.overall_score)))
    );
    assert!(
        matches!(summary.get((3, 1)), Some(Data::DateTime(_))),
        "the scan date is a date: {:?}",
        summary.get((3, 1))
    );
    assert_eq!(
        summary.get((9, 0)),
        Some(&Data::String("Operational Excellence".into()))
    );

    let findings = book.worksheet_range("Findings").expect("findings");
    assert_eq!(
        findings.height(),
        a.findings.len() + 1,
        "a header and a row per finding"
    );
    assert_eq!(findings.get((0, 0)), Some(&Data::String("Severity".into())));
    let savings = (1..findings.height())
        .filter_map(|r| match findings.get((r, 8)) {
            Some(Data::Float(v)) => Some(*v),
            _ => None,
        })
        .count();
    let expected = a
        .findings
        .iter()
        .filter(|f| f.monthly_savings_usd.is_some())
        .count();
    assert_eq!(savings, expected, "every saving is a number");
    let japanese = (1..findings.height())
        .any(|r| matches!(findings.get((r, 5)), Some(Data::String(s)) if s.contains("ウェブ")));
    assert!(japanese, "a resource named in Japanese keeps its name");

    let plan = book.worksheet_range("Recommendations").expect("plan");
    assert_eq!(plan.height(), a.plan.len() + 1);

    // The demo's idle single-AZ instances: cost reduces, reliability strengthens.
    let trade_offs = book.worksheet_range("Trade-offs").expect("trade-offs");
    assert!(!a.trade_offs.is_empty());
    assert_eq!(trade_offs.height(), a.trade_offs.len() + 1);
    assert_eq!(
        trade_offs.get((1, 1)),
        Some(&Data::String("Cost Optimization".into()))
    );
    assert_eq!(
        trade_offs.get((1, 3)),
        Some(&Data::String("Reliability".into()))
    );

    // Resources link to the AWS console: one hyperlink per finding whose kind has a page.
    assert!(
        links.len() * 2 > a.findings.len(),
        "{} console links for {} findings",
        links.len(),
        a.findings.len()
    );
    assert!(links.iter().any(|l| l.contains("region=ap-northeast-1")));
}

#[tokio::test]
async fn the_summary_sheet_says_how_each_pillar_was_analysed() {
    let (_dir, outcome) = demo_scan().await;
    let mut a = outcome.assessment;
    let security = &mut a.pillars[1];
    security.degraded = Some("the model's answer was not usable: truncated JSON".into());
    let reliability = &mut a.pillars[2];
    reliability.rating = Some(wellscan_model::Rating::Excellent);
    reliability.rating_disagrees = true;
    reliability.ungrounded_dropped = 2;
    reliability.source = wellscan_model::AnalysisSource::Bedrock;
    reliability.brief.findings_trimmed = 5;
    reliability.brief.budget_tokens = 8_000;
    reliability.model = Some(wellscan_model::ModelInfo {
        model_id: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc".into(),
        prompt_version: "p-test".into(),
    });
    let inventory = wellscan_orchestrator::demo_inventory().expect("demo");
    let file =
        wellscan_report::render(Format::Xlsx, &a, &inventory, &Default::default()).expect("xlsx");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(file.bytes)).expect("opens");
    let summary = book.worksheet_range("Summary").expect("summary");
    assert_eq!(summary.get((8, 7)), Some(&Data::String("Notes".into())));
    let note = |row: usize| match summary.get((row, 7)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    assert_eq!(note(9), "", "nothing to say about Operational Excellence");
    assert_eq!(
        note(10),
        "Degraded: the model's answer was not usable: truncated JSON"
    );
    let reliability = note(11);
    assert!(
        reliability.contains("The analyst rates this pillar excellent while the checks score it")
            && reliability.contains("2 recommendations from the model cited nothing")
            && reliability.contains("application-inference-profile/abc, prompts p-test")
            && reliability.contains("(8000 tokens), the 5 least severe findings were not shown"),
        "{reliability}"
    );
    assert_eq!(summary.get((11, 6)), Some(&Data::String("Bedrock".into())));
    assert_eq!(
        summary.get((10, 6)),
        Some(&Data::String("offline (degraded)".into()))
    );
}

/// The console URLs the workbook's sheets link to (their relationship parts).
fn console_links(xlsx: &[u8]) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut links = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).expect("part");
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        if !name.starts_with("xl/worksheets/_rels/") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).expect("utf-8");
        links.extend(
            xml.split("Target=\"")
                .skip(1)
                .filter_map(|t| t.split('"').next())
                .filter(|t| t.starts_with("https://") && t.contains("console.aws.amazon.com"))
                .map(|t| t.replace("&amp;", "&")),
        );
    }
    links
}
