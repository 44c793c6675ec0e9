//! The "Since last scan" sheet: score changes, the new and resolved findings one per row, and
//! the scores of the last scans with a native line chart.

use rust_xlsxwriter::{Chart, ChartType, Worksheet, XlsxError};
use wellscan_model::{Assessment, Pillar, SinceLast, StoredFinding};

use super::cells::Cells;
use super::{Styles, datetime, headers};
use crate::render::history::{FIRST_SCAN, compared, score_rows, summary};

const SHEET: &str = "Since last scan";

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

pub fn sheet(
    sheet: &mut Worksheet,
    a: &Assessment,
    since: &SinceLast,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET)?;
    sheet.put_with_format(0, 0, "Since the last scan", &s.title)?;
    let Some(d) = &since.diff else {
        sheet.put(1, 0, FIRST_SCAN)?;
        return trend(sheet, since, 3, s);
    };
    sheet.put(1, 0, "Compared with scan")?;
    sheet.put(1, 1, &d.from_scan)?;
    sheet.put(2, 0, &summary(d))?;
    if let Some(line) = compared(d) {
        sheet.put(3, 0, &line)?;
    }

    headers(
        sheet,
        4,
        &[
            ("Score", 24.0),
            ("Before", 10.0),
            ("Now", 10.0),
            ("Change", 10.0),
        ],
        s,
    )?;
    let scores = score_rows(a, d);
    for (i, (what, before, now, change)) in scores.iter().enumerate() {
        let r = 5 + row(i);
        sheet.put(r, 0, what)?;
        sheet.write_number(r, 1, f64::from(*before))?;
        sheet.write_number(r, 2, f64::from(*now))?;
        sheet.write_number(r, 3, f64::from(*change))?;
    }

    let top = 5 + row(scores.len()) + 1;
    headers(
        sheet,
        top,
        &[
            ("Change", 24.0),
            ("Severity", 10.0),
            ("Check", 10.0),
            ("Resource", 30.0),
            ("Name", 24.0),
            ("Region", 16.0),
            ("Finding", 50.0),
        ],
        s,
    )?;
    let changes = d
        .new
        .iter()
        .map(|f| ("new", f))
        .chain(d.resolved.iter().map(|r| {
            (
                if r.resource_gone {
                    "resolved: resource gone"
                } else {
                    "resolved: fixed"
                },
                &r.finding,
            )
        }));
    let mut last = top;
    for (i, (change, f)) in changes.enumerate() {
        last = top + 1 + row(i);
        change_row(sheet, last, change, f, s)?;
    }
    if last > top {
        sheet.autofilter(top, 0, last, 6)?;
    }
    trend(sheet, since, last + 2, s)
}

fn change_row(
    sheet: &mut Worksheet,
    r: u32,
    change: &str,
    f: &StoredFinding,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.put(r, 0, change)?;
    sheet.put_with_format(r, 1, f.severity.id(), &Styles::severity(f.severity))?;
    sheet.put(r, 2, &f.check_id)?;
    sheet.put(r, 3, &f.resource_id)?;
    sheet.put(r, 4, &f.resource_name)?;
    sheet.put(r, 5, &f.region)?;
    sheet.put_with_format(r, 6, &f.title, &s.wrap)?;
    Ok(())
}

/// The scores of the last scans from row `top`, and a line chart of them.
fn trend(sheet: &mut Worksheet, since: &SinceLast, top: u32, s: &Styles) -> Result<(), XlsxError> {
    let mut names = vec![("Scan started", 18.0), ("Overall", 10.0)];
    names.extend(Pillar::ALL.iter().map(|p| (p.title(), 12.0)));
    headers(sheet, top, &names, s)?;
    for (i, t) in since.trend.iter().enumerate() {
        let r = top + 1 + row(i);
        sheet.write_datetime_with_format(r, 0, datetime(t.started_at)?, &s.date)?;
        sheet.write_number(r, 1, f64::from(t.overall_score))?;
        for (c, p) in Pillar::ALL.iter().enumerate() {
            let score = t
                .pillars
                .iter()
                .find(|x| x.pillar == *p)
                .map_or(0, |x| x.score);
            sheet.write_number(r, 2 + u16::try_from(c).unwrap_or(0), f64::from(score))?;
        }
    }
    if since.trend.len() < 2 {
        return Ok(());
    }
    let last = top + row(since.trend.len());
    let mut chart = Chart::new(ChartType::Line);
    for col in 1..=7u16 {
        chart
            .add_series()
            .set_name((SHEET, top, col))
            .set_categories((SHEET, top + 1, 0, last, 0))
            .set_values((SHEET, top + 1, col, last, col));
    }
    chart.title().set_name("Scores over the last scans");
    chart.y_axis().set_min(0).set_max(100);
    sheet.insert_chart(last + 2, 0, &chart)?;
    Ok(())
}
