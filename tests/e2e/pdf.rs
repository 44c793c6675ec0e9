//! The PDF as a reader meets it: poppler extracts its text and renders its pages, lopdf reads
//! its outline and links. The demo account has a resource named in Japanese.

use std::path::{Path, PathBuf};

use wellscan_model::Assessment;
use wellscan_report::{Format, Paper, RenderOptions};
use wellscan_testkit::{pdf_info, pdf_text, run_tool};

use crate::demo_scan;

/// The demo assessment rendered as a PDF on `paper`, written into `dir`.
fn render(a: &Assessment, paper: Paper, dir: &Path) -> PathBuf {
    let inventory = wellscan_orchestrator::demo_inventory().expect("demo");
    let file = wellscan_report::render(Format::Pdf, a, &inventory, &RenderOptions { paper })
        .expect("pdf renders");
    assert_eq!(file.file_name, "report.pdf");
    assert_eq!(file.content_type, "application/pdf");
    let path = dir.join(format!("report-{paper}.pdf"));
    std::fs::write(&path, &file.bytes).expect("write");
    path
}

fn info(pdf: &Path, key: &str) -> String {
    pdf_info(pdf)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("pdfinfo has no {key}"))
}

#[tokio::test]
async fn the_pdf_says_what_the_report_says_with_numbered_pages() {
    let (dir, outcome) = demo_scan().await;
    let a = &outcome.assessment;
    let pdf = render(a, Paper::A4, dir.path());

    let pages: usize = info(&pdf, "Pages").parse().expect("page count");
    assert!(pages > 20, "{pages} pages");
    assert!(info(&pdf, "Page size").contains("(A4)"));
    assert!(info(&pdf, "Title").contains(&a.scan.account_id));

    let text = pdf_text(&pdf);
    for expected in [
        "Well-Architected assessment",
        "Account 123456789012",
        &format!("{}/100", a.overall_score),
        "Executive summary",
        "Key risks",
        "Plan",
        "Savings",
        "Coverage gaps",
        "Appendix: inventory",
        "How the scores are computed",
        &a.executive_summary.headline[..40],
        "請求バッチサーバー",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected:?}");
    }
    for p in &a.pillars {
        let heading = format!("{} — {}/100", p.pillar.title(), p.score);
        assert!(text.contains(&heading), "no section {heading:?}");
    }
    // Every page but the cover carries its number and the running header.
    for n in 2..=pages {
        assert!(
            text.contains(&format!("Page {n} of {pages}")),
            "page {n} unnumbered"
        );
    }
    assert!(!text.contains(&format!("Page 1 of {pages}")));
    let headers = text
        .matches("Well-Architected assessment · account 123456789012")
        .count();
    assert_eq!(headers, pages - 1);
    // Each finding's resource is named on the page (names may wrap inside their cell).
    for f in a.findings.iter().filter(|f| f.resource_name.len() < 12) {
        assert!(
            text.contains(&f.resource_name),
            "{} missing",
            f.resource_name
        );
    }
}

#[tokio::test]
async fn letter_paper_is_letter_sized() {
    let (dir, outcome) = demo_scan().await;
    let pdf = render(&outcome.assessment, Paper::Letter, dir.path());
    assert!(
        info(&pdf, "Page size").starts_with("612 x 792 pts"),
        "{}",
        info(&pdf, "Page size")
    );
}

/// Every font is embedded, and the Japanese name is drawn with the font that has its glyphs.
#[tokio::test]
async fn fonts_are_embedded_subsets() {
    let (dir, outcome) = demo_scan().await;
    let pdf = render(&outcome.assessment, Paper::A4, dir.path());
    let fonts = run_tool("pdffonts", &[&pdf]);
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "regular, bold and the CJK fallback: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(row.contains("CID TrueType"), "{row}");
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {row}");
    }
    let size = std::fs::metadata(&pdf).expect("size").len();
    assert!(
        size < 2_000_000,
        "fonts are cut to the glyphs used: {size} bytes"
    );
}

fn pdf_string(bytes: &[u8]) -> String {
    match bytes {
        [0xfe, 0xff, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[tokio::test]
async fn the_outline_lists_the_sections_and_resources_link_to_the_console() {
    let (dir, outcome) = demo_scan().await;
    let a = &outcome.assessment;
    let bytes = std::fs::read(render(a, Paper::A4, dir.path())).expect("read");
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads the PDF");

    let outlines = doc
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .expect("an outline");
    let (_, outlines) = doc.dereference(outlines).expect("outline object");
    let mut entry = outlines
        .as_dict()
        .and_then(|d| d.get(b"First"))
        .ok()
        .cloned();
    let mut titles = Vec::new();
    while let Some(reference) = entry {
        let (_, item) = doc.dereference(&reference).expect("outline item");
        let item = item.as_dict().expect("dict");
        titles.push(pdf_string(
            item.get(b"Title").and_then(|t| t.as_str()).expect("title"),
        ));
        entry = item.get(b"Next").ok().cloned();
    }
    for section in [
        "Executive summary",
        "Plan",
        "Savings",
        "Coverage gaps",
        "Appendix: inventory",
    ] {
        assert!(
            titles.iter().any(|t| t == section),
            "{section} not in {titles:?}"
        );
    }
    for p in &a.pillars {
        assert!(
            titles.iter().any(|t| t.starts_with(p.pillar.title())),
            "{titles:?}"
        );
    }

    let mut links = Vec::new();
    for page in doc.get_pages().values() {
        let Ok(annots) = doc.get_dictionary(*page).and_then(|p| p.get(b"Annots")) else {
            continue;
        };
        let (_, annots) = doc.dereference(annots).expect("annots");
        for annot in annots.as_array().expect("array") {
            let (_, annot) = doc.dereference(annot).expect("annot");
            let action = annot.as_dict().and_then(|d| d.get(b"A")).expect("action");
            let (_, action) = doc.dereference(action).expect("action");
            let uri = action
                .as_dict()
                .and_then(|d| d.get(b"URI"))
                .and_then(|u| u.as_str());
            links.push(pdf_string(uri.expect("uri")));
        }
    }
    assert!(
        links.len() > a.findings.len() / 2,
        "{} links for {} findings",
        links.len(),
        a.findings.len()
    );
    assert!(
        links.iter().all(|l| l.starts_with("https://")),
        "{:?}",
        &links[..3]
    );
    assert!(links.iter().any(|l| l.contains("region=ap-northeast-1")));
}

/// The cover as a picture: mostly white paper, with ink where the title, score and chart are.
#[tokio::test]
async fn pages_render_with_ink_on_them() {
    let (dir, outcome) = demo_scan().await;
    let pdf = render(&outcome.assessment, Paper::A4, dir.path());
    let prefix = dir.path().join("page");
    run_tool(
        "pdftoppm",
        &[
            &"-r", &"30", &"-gray", &"-f", &"1", &"-l", &"2", &pdf, &prefix,
        ],
    );
    for n in 1..=2 {
        let pgm = std::fs::read(dir.path().join(format!("page-{n:02}.pgm")))
            .or_else(|_| std::fs::read(dir.path().join(format!("page-{n}.pgm"))))
            .expect("pdftoppm wrote the page");
        // P5 header: magic, width, height, maxval, then one byte per pixel.
        let pixels = &pgm[pgm.len() - (pgm.len() * 9 / 10)..];
        let dark = pixels.iter().filter(|&&p| p < 128).count();
        let share = dark as f64 / pixels.len() as f64;
        assert!(
            share > 0.005 && share < 0.5,
            "page {n}: {share:.3} of pixels inked"
        );
    }
}
