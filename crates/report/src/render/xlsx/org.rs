//! The organisation rollup as a workbook, `report-org.xlsx`: Accounts (scores per pillar,
//! change, trend, findings by severity, savings, where the reports are), Not scanned (when any
//! account could not be), Worst per pillar, and Recurring findings.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use wellscan_model::{OrgRollup, Pillar, Severity};

use super::cells::{self, Cells};
use super::{Styles, datetime, headers};
use crate::Rendered;
use crate::render::org::{XLSX_FILE, change, trend};

/// Renders `report-org.xlsx`.
pub fn rollup(r: &OrgRollup) -> Result<Rendered, XlsxError> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    accounts(book.add_worksheet(), r, &styles)?;
    if !r.unscanned.is_empty() {
        unscanned(book.add_worksheet(), r, &styles)?;
    }
    worst(book.add_worksheet(), r, &styles)?;
    recurring(book.add_worksheet(), r, &styles)?;
    Ok(Rendered {
        file_name: XLSX_FILE.into(),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes: book.save_to_buffer()?,
    })
}

fn accounts(sheet: &mut Worksheet, r: &OrgRollup, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Accounts")?;
    sheet.put_with_format(
        0,
        0,
        "Well-Architected assessment of the organisation",
        &s.title,
    )?;
    sheet.put(1, 0, "Run")?;
    sheet.put(1, 1, &r.run_id)?;
    sheet.put(2, 0, "Generated")?;
    sheet.write_datetime_with_format(2, 1, datetime(r.generated_at)?, &s.date)?;
    sheet.put(3, 0, "Savings per month")?;
    sheet.write_number_with_format(3, 1, r.monthly_savings_usd, &s.money)?;
    sheet.put(4, 0, "Accounts not scanned")?;
    sheet.write_number(4, 1, r.unscanned.len() as f64)?;

    let top = 6;
    let mut names: Vec<(&str, f64)> = vec![
        ("Account", 16.0),
        ("Name", 24.0),
        ("Score", 8.0),
        ("Change", 8.0),
        ("Trend", 22.0),
    ];
    names.extend(Pillar::ALL.iter().map(|p| (p.title(), 14.0)));
    names.extend([("Findings", 10.0)]);
    names.extend(Severity::ALL.iter().rev().map(|v| (heading(*v), 11.0)));
    names.extend([
        ("Savings/month", 14.0),
        ("Coverage gaps", 14.0),
        ("Status", 10.0),
        ("Scan", 26.0),
        ("Reports", 60.0),
    ]);
    headers(sheet, top, &names, s)?;
    for (i, a) in r.accounts.iter().enumerate() {
        let row = cells::row(top + 1, i);
        sheet.put(row, 0, &a.account_id)?;
        sheet.put(row, 1, &a.name)?;
        sheet.write_number(row, 2, f64::from(a.overall_score))?;
        sheet.put(row, 3, &change(a))?;
        sheet.put(row, 4, &trend(a))?;
        let mut col = 5;
        for p in Pillar::ALL {
            if let Some(score) = a.pillar_score(p) {
                sheet.write_number(row, col, f64::from(score))?;
            }
            col += 1;
        }
        sheet.write_number(row, col, a.findings as f64)?;
        col += 1;
        for v in Severity::ALL.iter().rev() {
            let n = a
                .by_severity
                .iter()
                .find(|c| c.severity == *v)
                .map_or(0, |c| c.count);
            sheet.write_number(row, col, n as f64)?;
            col += 1;
        }
        sheet.write_number_with_format(row, col, a.monthly_savings_usd, &s.money)?;
        sheet.write_number(row, col + 1, a.coverage_gaps as f64)?;
        sheet.put(row, col + 2, a.status.id())?;
        sheet.put(row, col + 3, &a.scan_id)?;
        sheet.put(row, col + 4, &a.reports.join("\n"))?;
    }
    let last = cells::row(top, r.accounts.len()).min(cells::ROW_MAX);
    sheet.autofilter(top, 0, last, u16::try_from(names.len() - 1).unwrap_or(0))?;
    sheet.set_freeze_panes(top + 1, 2)?;
    Ok(())
}

fn unscanned(sheet: &mut Worksheet, r: &OrgRollup, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Not scanned")?;
    headers(
        sheet,
        0,
        &[("Account", 16.0), ("Name", 24.0), ("Why", 100.0)],
        s,
    )?;
    for (i, u) in r.unscanned.iter().enumerate() {
        let row = cells::row(1, i);
        sheet.put(row, 0, &u.account_id)?;
        sheet.put(row, 1, &u.name)?;
        sheet.put_with_format(row, 2, &u.reason, &s.wrap)?;
    }
    Ok(())
}

fn worst(sheet: &mut Worksheet, r: &OrgRollup, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Worst per pillar")?;
    headers(
        sheet,
        0,
        &[
            ("Pillar", 26.0),
            ("Rank", 6.0),
            ("Account", 16.0),
            ("Name", 24.0),
            ("Score", 8.0),
        ],
        s,
    )?;
    let mut row = 1;
    for w in &r.worst_by_pillar {
        for (rank, a) in w.accounts.iter().enumerate() {
            sheet.put(row, 0, w.pillar.title())?;
            sheet.write_number(row, 1, (rank + 1) as f64)?;
            sheet.put(row, 2, &a.account_id)?;
            sheet.put(row, 3, &a.name)?;
            sheet.write_number(row, 4, f64::from(a.score))?;
            row += 1;
        }
    }
    Ok(())
}

fn recurring(sheet: &mut Worksheet, r: &OrgRollup, s: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Recurring findings")?;
    headers(
        sheet,
        0,
        &[
            ("Check", 30.0),
            ("Finding", 50.0),
            ("Pillar", 24.0),
            ("Severity", 12.0),
            ("Accounts", 10.0),
            ("Resources", 10.0),
            ("Savings/month", 14.0),
            ("Account ids", 60.0),
        ],
        s,
    )?;
    for (i, f) in r.recurring.iter().enumerate() {
        let row = cells::row(1, i);
        sheet.put(row, 0, &f.check_id)?;
        sheet.put(row, 1, &f.title)?;
        sheet.put(row, 2, f.pillar.title())?;
        sheet.put_with_format(row, 3, f.severity.id(), &Styles::severity(f.severity))?;
        sheet.write_number(row, 4, f.accounts.len() as f64)?;
        sheet.write_number(row, 5, f.resources as f64)?;
        if let Some(savings) = f.monthly_savings_usd {
            sheet.write_number_with_format(row, 6, savings, &s.money)?;
        }
        sheet.put(row, 7, &f.accounts.join(", "))?;
    }
    if !r.recurring.is_empty() {
        let last = cells::row(0, r.recurring.len()).min(cells::ROW_MAX);
        sheet.autofilter(0, 0, last, 7)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A severity as a column heading.
fn heading(v: Severity) -> &'static str {
    match v {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Informational => "Informational",
    }
}
