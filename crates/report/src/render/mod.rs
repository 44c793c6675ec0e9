pub mod fonts;
pub mod history;
pub mod html;
pub mod json;
pub mod ocsf;
pub mod org;
pub mod pdf;
pub mod xlsx;

use std::collections::BTreeMap;

use wellscan_model::{AnalysisSource, Assessment, Pillar, PillarAssessment, Severity};

/// The checks that could not judge some resources because a fact they decide on was not read,
/// most affected first.
pub fn not_evaluated(a: &Assessment) -> Vec<&wellscan_model::CheckSummary> {
    let mut checks: Vec<_> = a.checks.iter().filter(|c| c.not_evaluated > 0).collect();
    checks.sort_by(|x, y| {
        y.not_evaluated
            .cmp(&x.not_evaluated)
            .then(x.check_id.cmp(&y.check_id))
    });
    checks
}

pub use wellscan_model::count;

/// How the savings headline counts, beside it wherever the findings' own figures are listed.
pub const SAVINGS_COUNT_NOTE: &str = "Counts each resource once. The Savings/month column of the Findings and Recommendations sheets adds up to more where several findings name one resource.";

/// How every format introduces [`not_evaluated`].
pub const NOT_EVALUATED_NOTE: &str = "Checks that could not judge some resources, because a fact they decide on could not be read. Those resources are neither passed nor failed, and are left out of the scores.";

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

/// The note every format prints when the executive summary fell back to the offline analyst.
pub fn summary_degraded(reason: &str) -> String {
    format!(
        "Degraded: the summary was written by the offline analyst because the model failed: {reason}"
    )
}

/// What a reader should know about how a pillar's analysis came about, as plain sentences:
/// its fallback, a rating that disagrees with the score, dropped advice, and findings the
/// model's brief left out. (The HTML words the same notes with markup.)
pub fn analysis_notes(p: &PillarAssessment) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(reason) = &p.degraded {
        notes.push(format!("Degraded: {reason}"));
    }
    if let (true, Some(rating)) = (p.rating_disagrees, p.rating) {
        notes.push(format!(
            "The analyst rates this pillar {rating} while the checks score it {}/100. The score stands; read the findings before trusting either.",
            p.score
        ));
    }
    if p.ungrounded_dropped > 0 {
        notes.push(format!(
            "{} from the model cited nothing in this scan and {} dropped.",
            count(p.ungrounded_dropped, "recommendation", "recommendations"),
            if p.ungrounded_dropped == 1 {
                "was"
            } else {
                "were"
            }
        ));
    }
    if p.findings_not_shown() > 0 {
        notes.push(format!(
            "To fit the model's brief ({} tokens), the {} least severe findings were not shown to the analyst; they are in the findings and in the score.",
            p.brief.budget_tokens,
            p.findings_not_shown()
        ));
    }
    notes
}

/// Who wrote a pillar's analysis, for people.
pub fn source_label(p: &PillarAssessment) -> &'static str {
    match p.source {
        AnalysisSource::Bedrock => "Amazon Bedrock",
        AnalysisSource::Offline => "offline analyst",
    }
}

/// A severity's colour as `0xRRGGBB`, the same in every format (the HTML's stylesheet names
/// these too).
pub fn severity_rgb(s: Severity) -> u32 {
    match s {
        Severity::Critical => 0x8e1b1b,
        Severity::High => 0xc2410c,
        Severity::Medium => 0xb7791f,
        Severity::Low => 0x3f6f4a,
        Severity::Informational => 0x5b6475,
    }
}

/// A score's colour as `0xRRGGBB`: below 50, below 80, the rest.
pub fn score_rgb(score: u8) -> u32 {
    match score {
        0..=49 => 0xc2410c,
        50..=79 => 0xb7791f,
        _ => 0x3f6f4a,
    }
}
