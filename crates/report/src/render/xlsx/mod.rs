//! The XLSX workbook for the engineers who fix things: Summary (with a native chart of the
//! pillar scores and notes on how each pillar's analysis came about), Since last scan (when the
//! scan is recorded in a history), Findings (frozen header, filters, severity colours, console
//! links, numbers as numbers and dates as dates), Recommendations (the plan), Trade-offs (when
//! the plan has any), Savings, Suppressed, Coverage, and one Inventory sheet per service.

mod cells;
mod org;
mod since;

pub use org::rollup;

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Chart, ChartType, Color, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};
use wellscan_model::{Assessment, Finding, Inventory, PillarAssessment, Resource, Severity, usd};

use crate::{Rendered, console};
use cells::Cells;

struct Styles {
    header: Format,
    title: Format,
    money: Format,
    date: Format,
    wrap: Format,
    link: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xEEF0F4))
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(16),
            money: Format::new().set_num_format("$#,##0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            link: Format::new()
                .set_font_color(Color::RGB(0x2553A3))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
        }
    }

    fn severity(severity: Severity) -> Format {
        Format::new()
            .set_bold()
            .set_font_color(Color::RGB(crate::render::severity_rgb(severity)))
    }
}

/// Renders `report.xlsx`.
pub fn report(a: &Assessment, inventory: &Inventory) -> Result<Rendered, XlsxError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    summary(book.add_worksheet(), a, &styles)?;
    if let Some(history) = &a.since_last {
        since::sheet(book.add_worksheet(), a, history, &styles)?;
    }
    findings(book.add_worksheet(), a, &styles)?;
    recommendations(book.add_worksheet(), a, &styles)?;
    if !a.trade_offs.is_empty() {
        trade_offs(book.add_worksheet(), a, &styles)?;
    }
    savings(book.add_worksheet(), a, &styles)?;
    suppressed(book.add_worksheet(), a, &styles)?;
    coverage(book.add_worksheet(), a, &styles)?;
    let mut by_service: BTreeMap<&str, Vec<&Resource>> = BTreeMap::new();
    for r in &inventory.resources {
        by_service.entry(r.kind().service()).or_default().push(r);
    }
    for (service, resources) in by_service {
        inventory_sheet(book.add_worksheet(), service, &resources, &styles)?;
    }
    Ok(Rendered {
        file_name: "report.xlsx".into(),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes: book.save_to_buffer()?,
    })
}

fn headers(
    sheet: &mut Worksheet,
    row: u32,
    names: &[(&str, f64)],
    s: &Styles,
) -> Result<(), XlsxError> {
    for (col, (name, width)) in names.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.put_with_format(row, col, name, &s.header)?;
        sheet.set_column_width(col, *width)?;
    }
    Ok(())
}

fn datetime(at: chrono::DateTime<chrono::Utc>) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_timestamp(at.timestamp())
}

fn summary(sheet: &mut Worksheet, a: &Assessment, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Summary")?;
    sheet.put_with_format(0, 0, "Well-Architected assessment", &s.title)?;
    sheet.put(1, 0, "Account")?;
    sheet.put(1, 1, &a.scan.account_id)?;
    sheet.put(2, 0, "Regions")?;
    sheet.put(2, 1, &a.scan.regions.join(", "))?;
    sheet.put(3, 0, "Scanned")?;
    sheet.write_datetime_with_format(3, 1, datetime(a.scan.finished_at)?, &s.date)?;
    sheet.put(4, 0, "Overall score")?;
    sheet.write_number(4, 1, f64::from(a.overall_score))?;
    sheet.put(5, 0, "Savings per month")?;
    sheet.write_number_with_format(5, 1, a.executive_summary.monthly_savings_usd, &s.money)?;
    sheet.put(5, 2, crate::render::SAVINGS_COUNT_NOTE)?;
    sheet.put(6, 0, "Summary")?;
    sheet.put_with_format(6, 1, &a.executive_summary.headline, &s.wrap)?;
    if let Some(reason) = &a.executive_summary.degraded {
        sheet.put(7, 0, "Note")?;
        sheet.put(7, 1, &crate::render::summary_degraded(reason))?;
    }

    let top = 8;
    headers(
        sheet,
        top,
        &[
            ("Pillar", 26.0),
            ("Score", 60.0),
            ("Analyst rating", 16.0),
            ("Findings", 10.0),
            ("High-risk", 10.0),
            ("Medium-risk", 12.0),
            ("Analysis", 12.0),
            ("Notes", 70.0),
        ],
        s,
    )?;
    for (i, p) in a.pillars.iter().enumerate() {
        let row = top + 1 + u32::try_from(i).unwrap_or(0);
        sheet.put(row, 0, p.pillar.title())?;
        sheet.write_number(row, 1, f64::from(p.score))?;
        sheet.put(row, 2, p.rating.map_or("", |r| r.id()))?;
        sheet.write_number(row, 3, p.findings as f64)?;
        sheet.write_number(row, 4, p.high_risk_issues as f64)?;
        sheet.write_number(row, 5, p.medium_risk_issues as f64)?;
        let source = match (&p.degraded, p.source) {
            (Some(_), _) => "offline (degraded)",
            (None, wellscan_model::AnalysisSource::Bedrock) => "Bedrock",
            (None, wellscan_model::AnalysisSource::Offline) => "offline",
        };
        sheet.put(row, 6, source)?;
        sheet.put_with_format(row, 7, &pillar_notes(p), &s.wrap)?;
    }
    let last = top + cells::row(0, a.pillars.len()).min(cells::ROW_MAX);
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_name("Score")
        .set_categories(("Summary", top + 1, 0, last, 0))
        .set_values(("Summary", top + 1, 1, last, 1));
    chart.title().set_name("Pillar scores (0–100)");
    chart.x_axis().set_min(0).set_max(100);
    chart.legend().set_hidden();
    sheet.insert_chart(last + 2, 0, &chart)?;
    Ok(())
}

/// How a pillar's analysis came about ([`crate::render::analysis_notes`]), and the model and
/// prompt version that wrote it.
fn pillar_notes(p: &PillarAssessment) -> String {
    let mut notes = crate::render::analysis_notes(p);
    if let Some(m) = &p.model {
        notes.push(format!(
            "Model {}, prompts {}.",
            m.model_id, m.prompt_version
        ));
    }
    notes.join(" ")
}

fn findings(sheet: &mut Worksheet, a: &Assessment, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Findings")?;
    let columns = [
        ("Severity", 12.0),
        ("Pillar", 22.0),
        ("Check", 30.0),
        ("Title", 44.0),
        ("Resource", 30.0),
        ("Name", 28.0),
        ("Region", 15.0),
        ("Evidence", 50.0),
        ("Savings/month", 14.0),
        ("Best practice", 14.0),
        ("Remediation", 60.0),
        ("Finding id", 16.0),
        ("Console", 12.0),
    ];
    headers(sheet, 0, &columns, s)?;
    for (i, f) in a.findings.iter().take(cells::ROWS).enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        finding_row(sheet, row, f, &a.scan.partition, s)?;
    }
    let last = cells::row(0, a.findings.len()).min(cells::ROW_MAX);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(
        0,
        0,
        last.max(1),
        u16::try_from(columns.len() - 1).unwrap_or(0),
    )?;
    Ok(())
}

fn finding_row(
    sheet: &mut Worksheet,
    row: u32,
    f: &Finding,
    partition: &str,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.put_with_format(row, 0, f.severity.id(), &Styles::severity(f.severity))?;
    sheet.put(row, 1, f.pillar.title())?;
    sheet.put(row, 2, &f.check_id)?;
    sheet.put(row, 3, &f.title)?;
    sheet.put(row, 4, &f.resource_id)?;
    sheet.put(row, 5, &f.resource_name)?;
    sheet.put(row, 6, &f.region)?;
    sheet.put(row, 7, &f.evidence)?;
    if let Some(savings) = f.monthly_savings_usd {
        sheet.write_number_with_format(row, 8, savings, &s.money)?;
    }
    sheet.put(row, 9, &f.best_practice)?;
    sheet.put(row, 10, &f.remediation)?;
    sheet.put(row, 11, &f.id)?;
    if let Some(link) = console::url(partition, f) {
        sheet.put_link(row, 12, &link, "open", &s.link)?;
    }
    Ok(())
}

fn recommendations(sheet: &mut Worksheet, a: &Assessment, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Recommendations")?;
    headers(
        sheet,
        0,
        &[
            ("Priority", 11.0),
            ("Action", 50.0),
            ("Pillars", 30.0),
            ("Effort", 9.0),
            ("Expected benefit", 50.0),
            ("Resources", 10.0),
            ("Savings/month", 14.0),
            ("Rationale", 60.0),
            ("Finding ids", 40.0),
        ],
        s,
    )?;
    for (i, r) in a.plan.iter().take(cells::ROWS).enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.put_with_format(row, 0, r.priority.id(), &Styles::severity(r.priority))?;
        sheet.put(row, 1, &r.title)?;
        let pillars: Vec<&str> = r.pillars.iter().map(|p| p.title()).collect();
        sheet.put(row, 2, &pillars.join(", "))?;
        sheet.put(row, 3, r.effort.map_or("", |e| e.id()))?;
        sheet.put(row, 4, &r.expected_benefit)?;
        sheet.write_number(row, 5, r.resource_ids.len() as f64)?;
        if let Some(savings) = r.monthly_savings_usd {
            sheet.write_number_with_format(row, 6, savings, &s.money)?;
        }
        sheet.put(row, 7, &r.rationale)?;
        sheet.put(row, 8, &r.finding_ids.join(", "))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(
        0,
        0,
        cells::row(0, a.plan.len()).clamp(1, cells::ROW_MAX),
        8,
    )?;
    Ok(())
}

/// Advice that pulls the same resources two ways: one row per pair, both sides kept.
fn trade_offs(sheet: &mut Worksheet, a: &Assessment, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Trade-offs")?;
    headers(
        sheet,
        0,
        &[
            ("Reduce", 44.0),
            ("Reduce pillars", 24.0),
            ("Strengthen", 44.0),
            ("Strengthen pillars", 24.0),
            ("Resources", 60.0),
        ],
        s,
    )?;
    for (i, t) in a.trade_offs.iter().take(cells::ROWS).enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.put(row, 0, &t.reduce.title)?;
        sheet.put(row, 1, &crate::render::pillar_titles(&t.reduce.pillars))?;
        sheet.put(row, 2, &t.strengthen.title)?;
        sheet.put(row, 3, &crate::render::pillar_titles(&t.strengthen.pillars))?;
        let resources: Vec<String> = t
            .resources
            .iter()
            .map(|r| format!("{} ({}, {})", r.name, r.resource_id, r.region))
            .collect();
        sheet.put(row, 4, &resources.join(", "))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn savings(sheet: &mut Worksheet, a: &Assessment, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Savings")?;
    headers(
        sheet,
        0,
        &[
            ("Savings/month", 14.0),
            ("Resource", 30.0),
            ("Name", 28.0),
            ("Region", 15.0),
            ("Check", 30.0),
            ("Evidence", 60.0),
        ],
        s,
    )?;
    let mut rows: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.monthly_savings_usd.is_some_and(|v| v > 0.0))
        .collect();
    rows.sort_by(|x, y| {
        y.monthly_savings_usd
            .unwrap_or(0.0)
            .total_cmp(&x.monthly_savings_usd.unwrap_or(0.0))
    });
    for (i, f) in rows.iter().take(cells::ROWS).enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.write_number_with_format(row, 0, f.monthly_savings_usd.unwrap_or(0.0), &s.money)?;
        sheet.put(row, 1, &f.resource_id)?;
        sheet.put(row, 2, &f.resource_name)?;
        sheet.put(row, 3, &f.region)?;
        sheet.put(row, 4, &f.check_id)?;
        sheet.put(row, 5, &f.evidence)?;
    }
    let total_row = u32::try_from(rows.len() + 2).unwrap_or(u32::MAX);
    sheet.write_number_with_format(
        total_row,
        0,
        a.executive_summary.monthly_savings_usd,
        &s.money,
    )?;
    sheet.put(
        total_row,
        1,
        &format!(
            "in all, counting each resource once ({} per month)",
            usd(a.executive_summary.monthly_savings_usd)
        ),
    )?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn suppressed(sheet: &mut Worksheet, a: &Assessment, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Suppressed")?;
    headers(
        sheet,
        0,
        &[
            ("Check", 30.0),
            ("Resource", 30.0),
            ("Region", 15.0),
            ("Reason", 50.0),
            ("Expires", 12.0),
            ("Matched", 30.0),
        ],
        s,
    )?;
    for (i, x) in a.suppressed.iter().take(cells::ROWS).enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.put(row, 0, &x.finding.check_id)?;
        sheet.put(row, 1, &x.finding.resource_id)?;
        sheet.put(row, 2, &x.finding.region)?;
        sheet.put(row, 3, &x.reason)?;
        sheet.put(row, 4, &x.expires.to_string())?;
        sheet.put(row, 5, &x.matched)?;
    }
    if a.expired_suppressions.is_empty() {
        return Ok(());
    }
    // Below, the suppressions that matched but had expired: their findings count again.
    let top = cells::row(2, a.suppressed.len().min(cells::ROWS)).min(cells::ROW_MAX - 2);
    sheet.put_with_format(
        top,
        0,
        "Expired suppressions: no longer applied, so their findings count again",
        &s.header,
    )?;
    headers(
        sheet,
        top + 1,
        &[
            ("Check", 30.0),
            ("Matched", 30.0),
            ("Expired on", 15.0),
            ("Reason", 50.0),
        ],
        s,
    )?;
    for (i, e) in a
        .expired_suppressions
        .iter()
        .take(cells::ROWS / 2)
        .enumerate()
    {
        let row = cells::row(top + 2, i).min(cells::ROW_MAX);
        sheet.put(row, 0, &e.check_id)?;
        sheet.put(row, 1, &e.matched)?;
        sheet.put(row, 2, &e.expired_on.to_string())?;
        sheet.put(row, 3, &e.reason)?;
    }
    Ok(())
}

fn coverage(sheet: &mut Worksheet, a: &Assessment, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Coverage")?;
    headers(
        sheet,
        0,
        &[
            ("Region", 15.0),
            ("Service", 14.0),
            ("Operation", 34.0),
            ("Error", 80.0),
        ],
        s,
    )?;
    if a.scan.coverage_gaps.is_empty() {
        sheet.put(1, 0, "No coverage gaps: every region and service was read.")?;
    }
    for (i, g) in a.scan.coverage_gaps.iter().take(cells::ROWS).enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.put(row, 0, &g.region)?;
        sheet.put(row, 1, &g.service)?;
        sheet.put(row, 2, &g.operation)?;
        sheet.put(row, 3, &g.error)?;
    }
    let unjudged = crate::render::not_evaluated(a);
    if !unjudged.is_empty() {
        let start = u32::try_from(a.scan.coverage_gaps.len() + 3).unwrap_or(u32::MAX - 2);
        sheet.put(start, 0, crate::render::NOT_EVALUATED_NOTE)?;
        for (col, title) in ["Check", "Pillar", "Not evaluated", "Evaluated"]
            .iter()
            .enumerate()
        {
            sheet.put_with_format(start + 1, col as u16, title, &s.header)?;
        }
        for (i, c) in unjudged.iter().enumerate() {
            let row = start + 2 + u32::try_from(i).unwrap_or(u32::MAX / 2);
            sheet.put(row, 0, &c.check_id)?;
            sheet.put(row, 1, c.pillar.title())?;
            sheet.write_number(row, 2, c.not_evaluated as f64)?;
            sheet.write_number(row, 3, c.evaluated as f64)?;
        }
    }
    Ok(())
}

fn inventory_sheet(
    sheet: &mut Worksheet,
    service: &str,
    resources: &[&Resource],
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(format!("Inventory {service}"))?;
    headers(
        sheet,
        0,
        &[
            ("Kind", 18.0),
            ("Id", 30.0),
            ("Region", 15.0),
            ("Name", 28.0),
            ("Tags", 40.0),
            ("Details", 80.0),
        ],
        s,
    )?;
    for (i, r) in resources.iter().take(cells::ROWS).enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.put(row, 0, r.kind().title())?;
        sheet.put(row, 1, r.id())?;
        sheet.put(row, 2, r.region())?;
        sheet.put(row, 3, r.display_name())?;
        let tags: Vec<String> = r.tags().iter().map(|(k, v)| format!("{k}={v}")).collect();
        sheet.put(row, 4, &tags.join("; "))?;
        let mut details = serde_json::to_value(r).unwrap_or_default();
        if let Some(map) = details.as_object_mut() {
            for key in ["kind", "id", "arn", "region", "tags"] {
                map.remove(key);
            }
        }
        sheet.put(row, 5, &details.to_string())?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(
        0,
        0,
        cells::row(0, resources.len()).clamp(1, cells::ROW_MAX),
        5,
    )?;
    Ok(())
}
