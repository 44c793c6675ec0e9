pub mod history;
pub mod html;
pub mod json;
pub mod pdf;
pub mod xlsx;

use std::collections::BTreeMap;

use wellscan_model::{AnalysisSource, Assessment, Pillar, PillarAssessment};

/// Savings grouped by finding title: title, resources, dollars per month; largest first.
pub fn savings_by_title(a: &Assessment) -> Vec<(&str, usize, f64)> {
    let mut by_title: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
    for f in &a.findings {
        if let Some(s) = f.monthly_savings_usd {
            let e = by_title.entry(f.title.as_str()).or_default();
            e.0 += 1;
            e.1 += s;
        }
    }
    let mut rows: Vec<(&str, usize, f64)> =
        by_title.into_iter().map(|(k, (n, s))| (k, n, s)).collect();
    rows.sort_by(|a, b| b.2.total_cmp(&a.2));
    rows
}

/// Pillar titles joined with commas, e.g. `Security, Reliability`.
pub fn pillar_titles(pillars: &[Pillar]) -> String {
    pillars
        .iter()
        .map(|p| p.title())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who wrote a pillar's analysis, for people.
pub fn source_label(p: &PillarAssessment) -> &'static str {
    match p.source {
        AnalysisSource::Bedrock => "Amazon Bedrock",
        AnalysisSource::Offline => "offline analyst",
    }
}
