use wellscan_model::{CheckSummary, CoverageGap, Finding, Pillar, Recommendation};

/// Everything one pillar agent is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct PillarBrief {
    pub pillar: Pillar,
    /// The deterministic score from the checks (shown, never changed by an analyst).
    pub score: u8,
    pub account_id: String,
    pub regions: Vec<String>,
    /// The pillar's checks that ran, with their counts.
    pub checks: Vec<CheckSummary>,
    /// The pillar's findings, worst first.
    pub findings: Vec<Finding>,
    pub coverage_gaps: Vec<CoverageGap>,
}

/// One pillar's outcome, as the summary analyst sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryPillar {
    pub pillar: Pillar,
    pub score: u8,
    pub summary: String,
    pub recommendations: Vec<Recommendation>,
    pub high_risk_issues: usize,
}

/// Everything the summary analyst is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryBrief {
    pub account_id: String,
    pub overall_score: u8,
    pub pillars: Vec<SummaryPillar>,
    pub findings: usize,
    pub high_risk_issues: usize,
    /// Total estimated monthly savings, already de-duplicated by the checks.
    pub monthly_savings_usd: f64,
    pub coverage_gaps: usize,
}
