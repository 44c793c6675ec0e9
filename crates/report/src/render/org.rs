//! What every format of the organisation rollup says the same way: its file names, an
//! account's change since its previous scan, and its trend.

use wellscan_model::ScannedAccount;

pub const JSON_FILE: &str = "assessment-org.json";
pub const HTML_FILE: &str = "report-org.html";
pub const XLSX_FILE: &str = "report-org.xlsx";
pub const PDF_FILE: &str = "report-org.pdf";

/// `+4`, `−7`, `0`, or `new` for an account's first recorded scan.
pub fn change(a: &ScannedAccount) -> String {
    match a.change() {
        None => "new".to_string(),
        Some(0) => "0".to_string(),
        Some(d) if d > 0 => format!("+{d}"),
        Some(d) => format!("\u{2212}{}", d.unsigned_abs()),
    }
}

/// The overall scores of the account's last scans, oldest first, this one last:
/// `61 → 58 → 64`; just this one's for a first scan.
pub fn trend(a: &ScannedAccount) -> String {
    let earlier = a.trend.len().saturating_sub(4);
    a.trend[earlier..]
        .iter()
        .chain(std::iter::once(&a.overall_score))
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(" \u{2192} ")
}
