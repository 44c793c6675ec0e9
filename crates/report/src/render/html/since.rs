//! "Since the last scan": the diff with the account's previous scan and a line chart of the
//! scores over the last scans.

use std::fmt::Write;

use maud::{Markup, PreEscaped, html};
use wellscan_model::{Assessment, Pillar, TrendPoint};

use crate::render::history::{
    FIRST_SCAN, LISTED, SERIES_COLOURS, compared, finding_line, point_label, resolved_line,
    score_rows, series, summary,
};

pub fn section(a: &Assessment) -> Markup {
    let Some(since) = &a.since_last else {
        return html! {};
    };
    html! {
        section #since {
            h2 { "Since the last scan" }
            @match &since.diff {
                None => { p { (FIRST_SCAN) } }
                Some(d) => {
                    p.meta { "Compared with scan " code { (d.from_scan) } "." }
                    p { strong { (summary(d)) } }
                    @if let Some(line) = compared(d) { p.note { (line) } }
                    table {
                        thead { tr { th { "Score" } th.num { "Before" } th.num { "Now" } th.num { "Change" } } }
                        tbody {
                            @for (what, before, now, change) in score_rows(a, d) {
                                tr { td { (what) } td.num { (before) } td.num { (now) } td.num { (format!("{change:+}")) } }
                            }
                        }
                    }
                    @if !d.new.is_empty() {
                        h3 { "New findings" }
                        ul { @for f in d.new.iter().take(LISTED) { li { (finding_line(f)) } } }
                        @if d.new.len() > LISTED { p.meta { "… and " (d.new.len() - LISTED) " more." } }
                    }
                    @if !d.resolved.is_empty() {
                        h3 { "Resolved findings" }
                        ul { @for r in d.resolved.iter().take(LISTED) { li { (resolved_line(r)) } } }
                        @if d.resolved.len() > LISTED { p.meta { "… and " (d.resolved.len() - LISTED) " more." } }
                    }
                }
            }
            @if since.trend.len() > 1 {
                h3 { "Scores over the last " (since.trend.len()) " scans" }
                (chart(&since.trend))
            }
        }
    }
}

/// Lines for the overall score (thick) and each pillar, as inline SVG built from numbers.
fn chart(trend: &[TrendPoint]) -> Markup {
    let (width, height, left, top, plot_w, plot_h) = (760.0, 250.0, 40.0, 10.0, 520.0, 200.0);
    let step = plot_w / (trend.len().saturating_sub(1).max(1)) as f64;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Scores over the last scans" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    for tick in [0, 25, 50, 75, 100] {
        let y = top + plot_h * (1.0 - f64::from(tick) / 100.0);
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{y:.1}" x2="{x2}" y2="{y:.1}" stroke="#d9dee7"/><text x="{lx}" y="{ty:.1}" font-size="11" fill="#5b6475" text-anchor="end">{tick}</text>"##,
            x2 = left + plot_w,
            lx = left - 6.0,
            ty = y + 4.0,
        );
    }
    for (i, t) in trend.iter().enumerate() {
        let x = left + step * i as f64;
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{y}" font-size="10" fill="#5b6475" text-anchor="middle">{date}</text>"##,
            y = top + plot_h + 16.0,
            date = point_label(trend, t),
        );
    }
    let lines: Vec<(Option<Pillar>, &str)> = std::iter::once((None, "Overall"))
        .chain(Pillar::ALL.iter().map(|p| (Some(*p), p.title())))
        .collect();
    for (n, (pillar, title)) in lines.iter().enumerate() {
        let (r, g, b) = SERIES_COLOURS[n];
        let points: Vec<String> = series(trend, *pillar)
            .iter()
            .enumerate()
            .map(|(i, v)| {
                format!(
                    "{:.1},{:.1}",
                    left + step * i as f64,
                    top + plot_h * (1.0 - f64::from(*v) / 100.0)
                )
            })
            .collect();
        let stroke = if pillar.is_none() { 3 } else { 1 };
        let ly = top + 14.0 * n as f64 + 8.0;
        // Titles are our own pillar names, never account data.
        let _ = write!(
            svg,
            r##"<polyline fill="none" stroke="#{r:02x}{g:02x}{b:02x}" stroke-width="{stroke}" points="{points}"/><rect x="{lx}" y="{ry:.1}" width="12" height="4" fill="#{r:02x}{g:02x}{b:02x}"/><text x="{tx}" y="{ty:.1}" font-size="11" fill="#1d2330">{title}</text>"##,
            points = points.join(" "),
            lx = left + plot_w + 20.0,
            ry = ly - 4.0,
            tx = left + plot_w + 38.0,
            ty = ly + 1.0,
        );
    }
    svg.push_str("</svg>");
    PreEscaped(svg)
}
