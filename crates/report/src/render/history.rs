//! What every format says about a scan's history: the same counts and lines, worded once.

use wellscan_model::count;
use wellscan_model::{
    Assessment, Pillar, ResolvedFinding, ScanDiff, StoredFinding, TrendPoint, usd,
};

/// A line that sums up a diff.
pub fn summary(d: &ScanDiff) -> String {
    let gone = d.resolved.iter().filter(|r| r.resource_gone).count();
    format!(
        "{} · {} resolved ({} fixed, {} with their resource gone) · {} still open · {} gone · savings {} per month",
        count(d.new.len(), "new finding", "new findings"),
        d.resolved.len(),
        d.resolved.len() - gone,
        gone,
        d.still_open.len(),
        count(d.gone.len(), "resource", "resources"),
        signed_usd(d.savings_delta_usd),
    )
}

/// What the two scans were compared over, when they did not see the same things.
pub fn compared(d: &ScanDiff) -> Option<String> {
    let c = d.compared.as_ref()?;
    let regions = match c.regions.as_slice() {
        [] => "account-wide resources only".to_string(),
        r => format!("{} and account-wide resources", r.join(", ")),
    };
    let mut line = format!("Compared over what both scans saw: {regions}");
    if !c.unread.is_empty() {
        line.push_str(&format!(
            "; not read by one of them: {}",
            c.unread.join(", ")
        ));
    }
    line.push_str(&format!(
        ". {} outside that are neither new nor resolved.",
        crate::render::count(c.not_compared, "finding", "findings")
    ));
    Some(line)
}

pub fn signed_usd(v: f64) -> String {
    if v < 0.0 {
        format!("−{}", usd(-v))
    } else {
        format!("+{}", usd(v))
    }
}

/// Rows of the score table: what, before, now, change; the overall score first.
pub fn score_rows(a: &Assessment, d: &ScanDiff) -> Vec<(String, u8, u8, i16)> {
    let now = a.overall_score;
    let before = (i16::from(now) - d.overall_delta).clamp(0, 100) as u8;
    std::iter::once(("Overall".to_string(), before, now, d.overall_delta))
        .chain(
            d.pillars
                .iter()
                .map(|p| (p.pillar.title().to_string(), p.before, p.after, p.delta)),
        )
        .collect()
}

/// One finding in a line.
pub fn finding_line(f: &StoredFinding) -> String {
    format!(
        "{} — {}: {} ({})",
        f.severity.id().to_uppercase(),
        f.title,
        f.resource_name,
        f.region
    )
}

pub fn resolved_line(r: &ResolvedFinding) -> String {
    let mut line = finding_line(&r.finding);
    if r.resource_gone {
        line.push_str(" — resource gone, not fixed");
    }
    line
}

/// The score of `pillar` (or the overall score for `None`) at each point.
pub fn series(trend: &[TrendPoint], pillar: Option<Pillar>) -> Vec<u8> {
    trend
        .iter()
        .map(|t| match pillar {
            None => t.overall_score,
            Some(p) => t
                .pillars
                .iter()
                .find(|s| s.pillar == p)
                .map_or(0, |s| s.score),
        })
        .collect()
}

/// Colours of the trend lines: overall, then each pillar in `Pillar::ALL` order.
pub const SERIES_COLOURS: [(u8, u8, u8); 7] = [
    (0x1d, 0x23, 0x30),
    (0x25, 0x53, 0xa3),
    (0x8e, 0x1b, 0x1b),
    (0x3f, 0x6f, 0x4a),
    (0x7c, 0x3a, 0xed),
    (0xb7, 0x79, 0x1f),
    (0x0e, 0x74, 0x90),
];

pub const FIRST_SCAN: &str =
    "This is the first recorded scan of this account: the next scan will be compared with it.";

/// How many new or resolved findings the PDF and HTML list before "and N more".
pub const LISTED: usize = 40;

/// A trend point's label on the chart: the day, or the time when every scan is from one day.
pub fn point_label(trend: &[TrendPoint], t: &TrendPoint) -> String {
    let one_day = trend
        .first()
        .zip(trend.last())
        .is_some_and(|(a, b)| a.started_at.date_naive() == b.started_at.date_naive());
    t.started_at
        .format(if one_day { "%H:%M" } else { "%m-%d" })
        .to_string()
}
