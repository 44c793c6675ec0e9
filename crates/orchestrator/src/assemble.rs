//! Puts the stages' outputs together into one [`Assessment`].

use chrono::{DateTime, Utc};
use wellscan_checks::{CheckRun, Scores};
use wellscan_model::{
    ASSESSMENT_SCHEMA_VERSION, Assessment, Inventory, PillarAssessment, Risk, ScanInfo, ScanSource,
    StageTiming,
};

use crate::analysis::Analysed;

pub struct Parts<'a> {
    pub scan_id: &'a str,
    pub source: ScanSource,
    pub inventory: &'a Inventory,
    pub checked: CheckRun,
    pub scores: Scores,
    pub prices_taken_on: &'a str,
    pub analysed: Analysed,
    /// Inventory and checks; the analysis adds its own.
    pub timings: Vec<StageTiming>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

/// What the reports say about the scan itself; `finished_at` is the start until it finishes.
pub fn scan_info(
    scan_id: &str,
    source: ScanSource,
    inventory: &Inventory,
    prices_taken_on: &str,
    started_at: DateTime<Utc>,
    finished_at: DateTime<Utc>,
) -> ScanInfo {
    ScanInfo {
        id: scan_id.to_string(),
        account_id: inventory.account_id.clone(),
        partition: inventory.partition.clone(),
        regions: inventory.regions.clone(),
        regions_not_enabled: inventory.regions_not_enabled.clone(),
        source,
        inventory_taken_at: inventory.scanned_at,
        started_at,
        finished_at,
        resources: inventory.resources.len(),
        coverage_gaps: inventory.coverage_gaps.clone(),
        prices_taken_on: Some(prices_taken_on.to_string()),
    }
}

pub fn assessment(parts: Parts<'_>) -> Assessment {
    let Parts {
        scan_id,
        source,
        inventory,
        checked,
        scores,
        prices_taken_on,
        analysed,
        mut timings,
        started_at,
        finished_at,
    } = parts;
    let plan = crate::plan::merge(&analysed.pillars);
    let trade_offs = crate::plan::trade_offs(&plan, &checked.findings);
    timings.extend(analysed.timings);
    let pillars = analysed
        .pillars
        .into_iter()
        .map(|p| {
            let score = scores.pillar(p.pillar);
            let findings = checked.findings.iter().filter(|f| f.pillar == p.pillar);
            let risk = |r: Risk| findings.clone().filter(|f| f.risk() == r).count();
            PillarAssessment {
                pillar: p.pillar,
                score: score.score,
                checks_evaluated: score.checks_evaluated,
                findings: findings.clone().count(),
                high_risk_issues: risk(Risk::High),
                medium_risk_issues: risk(Risk::Medium),
                summary: p.analysis.summary,
                source: p.source,
                model: p.model,
                degraded: p.degraded,
                rating: p.analysis.rating,
                rating_disagrees: p
                    .analysis
                    .rating
                    .is_some_and(|r| r.disagrees_with_score(score.score)),
                risks: p.analysis.risks,
                ungrounded_dropped: p.analysis.ungrounded_dropped,
                recommendations: p.analysis.recommendations,
                brief: p.brief,
            }
        })
        .collect();
    Assessment {
        schema_version: ASSESSMENT_SCHEMA_VERSION,
        scan: scan_info(
            scan_id,
            source,
            inventory,
            prices_taken_on,
            started_at,
            finished_at,
        ),
        overall_score: scores.overall,
        pillars,
        findings: checked.findings,
        suppressed: checked.suppressed,
        expired_suppressions: checked.expired_suppressions,
        checks: checked.summaries,
        plan,
        trade_offs,
        executive_summary: analysed.summary,
        usage: analysed.usage,
        timings,
        since_last: None,
    }
}
