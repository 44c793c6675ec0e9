//! The organisation rollup for executives, `report-org.pdf`: a cover with the figures that
//! matter, the accounts that could not be scanned, every account's scores and trend, the worst
//! accounts per pillar and the findings that recur across accounts.

use wellscan_model::{OrgRollup, Pillar, count, usd};

use super::canvas::Colour;
use super::chart::score_colour;
use super::flow::{BODY, Flow};
use super::table::{CELL, Cell, Column, table};
use super::wrap::Font;
use crate::render::org::{change, trend};

pub fn cover(flow: &mut Flow, r: &OrgRollup) {
    flow.advance(60.0);
    flow.paragraph(
        "Well-Architected assessment of the organisation",
        Font::bold(24.0),
        Colour::INK,
    );
    flow.advance(6.0);
    let meta = [
        count(r.accounts.len(), "account scanned", "accounts scanned"),
        count(
            r.unscanned.len(),
            "account could not be scanned",
            "accounts could not be scanned",
        ),
        format!(
            "Run {} · {}",
            r.run_id,
            r.generated_at.format("%Y-%m-%d %H:%M UTC")
        ),
    ];
    for line in &meta {
        flow.paragraph(line, BODY, Colour::MUTED);
    }
    flow.advance(24.0);
    flow.paragraph(
        &format!("{} per month", usd(r.monthly_savings_usd)),
        Font::bold(30.0),
        Colour::ACCENT,
    );
    flow.paragraph(
        "possible savings over every scanned account",
        BODY,
        Colour::MUTED,
    );
    flow.advance(12.0);
    flow.paragraph(
        &count(r.findings, "finding", "findings"),
        Font::bold(30.0),
        Colour::INK,
    );
    flow.paragraph("over every scanned account", BODY, Colour::MUTED);
}

pub fn unscanned(flow: &mut Flow, r: &OrgRollup) {
    if r.unscanned.is_empty() {
        return;
    }
    flow.section("Accounts not scanned");
    flow.paragraph(
        "These accounts have no assessment in this run; no figure in this report includes them.",
        BODY,
        Colour(0x8a, 0x5a, 0x00),
    );
    let columns = [
        Column::left("Account", 1.3),
        Column::left("Name", 1.35),
        Column::left("Why", 5.0),
    ];
    let rows = r
        .unscanned
        .iter()
        .map(|u| {
            vec![
                Cell::text(&u.account_id),
                Cell::text(&u.name),
                Cell::text(&u.reason),
            ]
        })
        .collect();
    table(flow, &columns, rows);
}

/// Short pillar names that fit a score column.
fn short(p: Pillar) -> &'static str {
    match p {
        Pillar::OperationalExcellence => "Ops",
        Pillar::Security => "Sec",
        Pillar::Reliability => "Rel",
        Pillar::PerformanceEfficiency => "Perf",
        Pillar::CostOptimization => "Cost",
        Pillar::Sustainability => "Sus",
    }
}

pub fn accounts(flow: &mut Flow, r: &OrgRollup) {
    flow.section("Accounts, lowest score first");
    let mut columns = vec![
        Column::left("Account", 2.2),
        Column::left("Name", 1.35),
        Column::right("Score", 0.95),
        Column::right("Change", 1.2),
        Column::left("Trend", 1.2),
    ];
    columns.extend(Pillar::ALL.iter().map(|p| Column::right(short(*p), 0.8)));
    columns.extend([
        Column::right("Findings", 1.3),
        Column::right("Per month", 1.45),
    ]);
    let rows = r
        .accounts
        .iter()
        .map(|a| {
            let mut row = vec![
                Cell::text(&a.account_id),
                Cell::text(&a.name),
                Cell::default().then(
                    a.overall_score.to_string(),
                    Font::bold(8.0),
                    score_colour(a.overall_score),
                ),
                Cell::text(change(a)),
                Cell::text(trend(a)),
            ];
            row.extend(Pillar::ALL.iter().map(|p| {
                Cell::text(
                    a.pillar_score(*p)
                        .map_or_else(|| "–".to_string(), |s| s.to_string()),
                )
            }));
            row.extend([
                Cell::text(a.findings.to_string()),
                Cell::text(usd(a.monthly_savings_usd)),
            ]);
            row
        })
        .collect();
    table(flow, &columns, rows);
    let legend = Pillar::ALL
        .iter()
        .map(|p| format!("{} {}", short(*p), p.title()))
        .collect::<Vec<_>>()
        .join(" · ");
    flow.paragraph(&legend, CELL, Colour::MUTED);
}

pub fn worst(flow: &mut Flow, r: &OrgRollup) {
    flow.section("Worst accounts per pillar");
    let columns = [
        Column::left("Pillar", 1.6),
        Column::left("Lowest first", 6.0),
    ];
    let rows = r
        .worst_by_pillar
        .iter()
        .map(|w| {
            let mut names = w
                .accounts
                .iter()
                .map(|a| format!("{} {} ({})", a.account_id, a.name, a.score))
                .collect::<Vec<_>>()
                .join(" · ");
            if names.is_empty() {
                names = "Every account scores 100.".to_string();
            }
            vec![Cell::text(w.pillar.title()), Cell::text(names)]
        })
        .collect();
    table(flow, &columns, rows);
}

pub fn recurring(flow: &mut Flow, r: &OrgRollup) {
    flow.section("Findings in more than one account");
    if r.recurring.is_empty() {
        flow.paragraph(
            "No check failed in more than one account.",
            BODY,
            Colour::INK,
        );
        return;
    }
    let columns = [
        Column::left("Finding", 4.0),
        Column::left("Severity", 1.0),
        Column::right("Accounts", 0.9),
        Column::right("Resources", 0.9),
        Column::right("Savings/mo", 1.1),
    ];
    let rows = r
        .recurring
        .iter()
        .map(|f| {
            vec![
                Cell::text(&f.title).then(&f.check_id, Font::regular(7.0), Colour::MUTED),
                Cell::default().then(
                    f.severity.id(),
                    Font::bold(7.5),
                    Colour::rgb(crate::render::severity_rgb(f.severity)),
                ),
                Cell::text(f.accounts.len().to_string()),
                Cell::text(f.resources.to_string()),
                Cell::text(f.monthly_savings_usd.map_or_else(|| "–".to_string(), usd)),
            ]
        })
        .collect();
    table(flow, &columns, rows);
}
