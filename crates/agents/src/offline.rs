//! The offline analyst: the same structures a model writes, built deterministically from the
//! findings. It is the embedded default and the fallback when a model fails.

use std::collections::BTreeSet;

use async_trait::async_trait;
use wellscan_model::count;
use wellscan_model::{
    AnalysisSource, CheckSummary, Effort, ExecutiveSummary, Finding, Rating, Recommendation, Risk,
    Usage, usd,
};

use crate::{Analyst, AnalystError, PillarAnalysis, PillarBrief, SummaryBrief};

/// How many risks and actions the executive summary lists.
const SUMMARY_ITEMS: usize = 5;

/// Writes analysis from the findings alone, with no model and no I/O.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offline;

impl Offline {
    /// The pillar analysis, synchronously; also the fallback for a failed model call.
    pub fn pillar(brief: &PillarBrief) -> PillarAnalysis {
        analyse_pillar(brief)
    }

    /// The executive summary, synchronously; also the fallback for a failed model call.
    pub fn summary(brief: &SummaryBrief) -> ExecutiveSummary {
        summarise(brief)
    }
}

#[async_trait]
impl Analyst for Offline {
    fn source(&self) -> AnalysisSource {
        AnalysisSource::Offline
    }

    async fn analyse_pillar(
        &self,
        brief: &PillarBrief,
        _usage: &mut Usage,
    ) -> Result<PillarAnalysis, AnalystError> {
        Ok(analyse_pillar(brief))
    }

    async fn summarise(
        &self,
        brief: &SummaryBrief,
        _usage: &mut Usage,
    ) -> Result<ExecutiveSummary, AnalystError> {
        Ok(summarise(brief))
    }
}

/// One recommendation per failing check, worst and most valuable first.
fn analyse_pillar(brief: &PillarBrief) -> PillarAnalysis {
    let mut recommendations: Vec<Recommendation> = brief
        .checks
        .iter()
        .filter(|c| c.failed > 0)
        .map(|check| {
            let findings: Vec<&Finding> = brief
                .findings
                .iter()
                .filter(|f| f.check_id == check.check_id)
                .collect();
            let regions: BTreeSet<&str> = findings.iter().map(|f| f.region.as_str()).collect();
            let savings: f64 = findings.iter().filter_map(|f| f.monthly_savings_usd).sum();
            let mut rationale = format!(
                "\u{201c}{}\u{201d} on {} of {} checked ({}), in {}.",
                check.title,
                check.failed,
                resources(check.evaluated),
                check.best_practice,
                list(regions.iter().copied())
            );
            if savings > 0.0 {
                rationale.push_str(&format!(" Fixing it saves about {}/month.", usd(savings)));
            }
            let mut resource_ids: Vec<String> = Vec::new();
            for f in &findings {
                if !resource_ids.contains(&f.resource_id) {
                    resource_ids.push(f.resource_id.clone());
                }
            }
            Recommendation {
                title: check.action.clone(),
                rationale,
                priority: check.severity,
                effort: Some(effort(resource_ids.len())),
                expected_benefit: benefit(brief, check, findings.len(), savings),
                pillars: vec![brief.pillar],
                finding_ids: findings.iter().map(|f| f.id.clone()).collect(),
                resource_ids,
                monthly_savings_usd: (savings > 0.0).then_some((savings * 100.0).round() / 100.0),
            }
        })
        .collect();
    recommendations.sort_by(Recommendation::plan_order);
    let assessed = brief.checks.iter().any(|c| c.evaluated > 0);
    PillarAnalysis {
        rating: assessed.then(|| Rating::from_score(brief.score)),
        summary: pillar_narrative(brief, &recommendations),
        risks: risks(brief),
        recommendations,
        ungrounded_dropped: 0,
    }
}

/// Effort from how many resources need the change: a handful is an afternoon, dozens a project.
fn effort(resources: usize) -> Effort {
    match resources {
        0..=3 => Effort::Low,
        4..=20 => Effort::Medium,
        _ => Effort::High,
    }
}

fn benefit(brief: &PillarBrief, check: &CheckSummary, findings: usize, savings: f64) -> String {
    let issues = if findings == 1 { "issue" } else { "issues" };
    let mut text = match check.severity.risk() {
        Risk::High => format!(
            "Closes {findings} high-risk {} {issues}.",
            brief.pillar.title()
        ),
        Risk::Medium => format!(
            "Closes {findings} medium-risk {} {issues}.",
            brief.pillar.title()
        ),
        Risk::None => format!(
            "Brings {} in line with {}.",
            resources(findings),
            check.best_practice
        ),
    };
    if savings > 0.0 {
        text.push_str(&format!(" Saves about {}/month.", usd(savings)));
    }
    text
}

/// The high-risk checks that failed, worst and widest first.
fn risks(brief: &PillarBrief) -> Vec<String> {
    let mut failing: Vec<&CheckSummary> = brief
        .checks
        .iter()
        .filter(|c| c.failed > 0 && c.severity.risk() == Risk::High)
        .collect();
    failing.sort_by(|a, b| b.severity.cmp(&a.severity).then(b.failed.cmp(&a.failed)));
    failing
        .into_iter()
        .take(SUMMARY_ITEMS)
        .map(|c| format!("{}: {}.", c.title, resources(c.failed)))
        .collect()
}

fn pillar_narrative(brief: &PillarBrief, recommendations: &[Recommendation]) -> String {
    let pillar = brief.pillar.title();
    let evaluated: usize = brief.checks.iter().map(|c| c.evaluated).sum();
    let ran = brief.checks.iter().filter(|c| c.evaluated > 0).count();
    if ran == 0 {
        return format!(
            "Not assessed: no resource in this inventory is covered by a {pillar} check."
        );
    }
    let mut text = if brief.findings.is_empty() {
        format!(
            "{pillar} scores {}/100: all {ran} checks passed on {evaluated} resource evaluations.",
            brief.score
        )
    } else {
        let high = brief
            .findings
            .iter()
            .filter(|f| f.severity.risk() == Risk::High)
            .count();
        let medium = brief
            .findings
            .iter()
            .filter(|f| f.severity.risk() == Risk::Medium)
            .count();
        format!(
            "{pillar} scores {}/100 from {} over {}, with {}: \
             {high} high-risk and {medium} medium-risk issues.",
            brief.score,
            count(ran, "check", "checks"),
            count(evaluated, "resource evaluation", "resource evaluations"),
            count(brief.findings.len(), "finding", "findings")
        )
    };
    if let Some(top) = recommendations.first() {
        text.push_str(&format!(
            " Most pressing: {} ({}).",
            lowercase_first(&top.title),
            resources(top.resource_ids.len())
        ));
    }
    if !brief.coverage_gaps.is_empty() {
        text.push_str(&format!(
            " {} coverage gaps may hide further issues.",
            brief.coverage_gaps.len()
        ));
    }
    text
}

/// The executive summary from every pillar's outcome.
fn summarise(brief: &SummaryBrief) -> ExecutiveSummary {
    let weakest = brief.pillars.iter().min_by_key(|p| p.score);
    let mut headline = format!(
        "Overall {}/100 across the six pillars: {} high-risk issues",
        brief.overall_score, brief.high_risk_issues
    );
    if brief.monthly_savings_usd > 0.0 {
        headline.push_str(&format!(
            " and {}/month in savings",
            usd(brief.monthly_savings_usd)
        ));
    }
    if let Some(w) = weakest {
        headline.push_str(&format!(
            "; weakest pillar: {} ({}).",
            w.pillar.title(),
            w.score
        ));
    } else {
        headline.push('.');
    }
    if brief.coverage_gaps > 0 {
        headline.push_str(&format!(
            " {} of the account could not be read.",
            count(brief.coverage_gaps, "part", "parts")
        ));
    }

    let mut ranked: Vec<(&str, &Recommendation)> = brief
        .pillars
        .iter()
        .flat_map(|p| p.recommendations.iter().map(move |r| (p.pillar.title(), r)))
        .collect();
    ranked.sort_by(|(_, a), (_, b)| {
        b.priority
            .cmp(&a.priority)
            .then_with(|| b.resource_ids.len().cmp(&a.resource_ids.len()))
    });
    let key_risks = ranked
        .iter()
        .filter(|(_, r)| r.priority.risk() == Risk::High)
        .take(SUMMARY_ITEMS)
        .map(|(pillar, r)| format!("{pillar}: {}", r.rationale))
        .collect();

    let mut by_value = ranked.clone();
    by_value.sort_by(|(_, a), (_, b)| {
        b.priority.risk().cmp(&a.priority.risk()).then_with(|| {
            b.monthly_savings_usd
                .unwrap_or(0.0)
                .total_cmp(&a.monthly_savings_usd.unwrap_or(0.0))
        })
    });
    let top_actions = by_value
        .iter()
        .take(SUMMARY_ITEMS)
        .map(|(_, r)| {
            let mut action = format!("{} ({}", r.title, resources(r.resource_ids.len()));
            if let Some(s) = r.monthly_savings_usd {
                action.push_str(&format!(", saves {}/month", usd(s)));
            }
            action.push(')');
            action
        })
        .collect();

    ExecutiveSummary {
        headline,
        key_risks,
        top_actions,
        monthly_savings_usd: brief.monthly_savings_usd,
        source: Some(AnalysisSource::Offline),
        model: None,
        degraded: None,
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.as_slice() {
        [] => "no region".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `1 resource`, `3 resources`.
fn resources(n: usize) -> String {
    count(n, "resource", "resources")
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{BriefStats, Pillar, Severity, finding_id};

    use crate::AccountProfile;

    use super::*;

    fn finding(check: &str, resource: &str, severity: Severity, savings: Option<f64>) -> Finding {
        Finding {
            id: finding_id(check, "us-east-1", "ebs_volume", resource),
            check_id: check.into(),
            pillar: Pillar::CostOptimization,
            related_pillars: vec![],
            best_practice: "COST04-BP03".into(),
            severity,
            region: "us-east-1".into(),
            resource_id: resource.into(),
            resource_arn: format!("arn:aws:ec2:us-east-1:123456789012:volume/{resource}"),
            resource_kind: "ebs_volume".into(),
            resource_name: resource.into(),
            title: "t".into(),
            evidence: "e".into(),
            remediation: "r".into(),
            monthly_savings_usd: savings,
        }
    }

    fn check(id: &str, severity: Severity, evaluated: usize, failed: usize) -> CheckSummary {
        CheckSummary {
            check_id: id.into(),
            pillar: Pillar::CostOptimization,
            best_practice: "COST04-BP03".into(),
            wa_question: String::new(),
            wa_choice: String::new(),
            severity,
            title: format!("{id} title"),
            action: format!("Fix {id}"),
            evaluated,
            failed,
            suppressed: 0,
            not_evaluated: 0,
        }
    }

    fn brief() -> PillarBrief {
        PillarBrief {
            pillar: Pillar::CostOptimization,
            score: 61,
            account_id: "123456789012".into(),
            regions: vec!["us-east-1".into()],
            checks: vec![
                check("ebs.volume_unattached", Severity::Medium, 10, 2),
                check("ec2.eip_unassociated", Severity::Low, 4, 1),
                check("ec2.instance_idle", Severity::Medium, 8, 0),
            ],
            findings: vec![
                finding(
                    "ebs.volume_unattached",
                    "vol-1",
                    Severity::Medium,
                    Some(8.0),
                ),
                finding(
                    "ebs.volume_unattached",
                    "vol-2",
                    Severity::Medium,
                    Some(40.0),
                ),
                finding(
                    "ec2.eip_unassociated",
                    "eipalloc-1",
                    Severity::Low,
                    Some(3.65),
                ),
            ],
            resources: vec![],
            profile: AccountProfile::default(),
            coverage_gaps: vec![],
            gap_groups_shown: 0,
            stats: BriefStats::default(),
        }
    }

    #[test]
    fn one_grounded_recommendation_per_failing_check() {
        let analysis = analyse_pillar(&brief());
        let titles: Vec<&str> = analysis
            .recommendations
            .iter()
            .map(|r| r.title.as_str())
            .collect();
        assert_eq!(
            titles,
            ["Fix ebs.volume_unattached", "Fix ec2.eip_unassociated"]
        );
        let first = &analysis.recommendations[0];
        assert_eq!(first.resource_ids, ["vol-1", "vol-2"]);
        assert_eq!(first.monthly_savings_usd, Some(48.0));
        assert_eq!(first.finding_ids.len(), 2);
        assert!(
            analysis
                .summary
                .starts_with("Cost Optimization scores 61/100 from 3 checks"),
            "{}",
            analysis.summary
        );
    }

    #[test]
    fn a_pillar_without_evidence_says_not_assessed() {
        let mut b = brief();
        b.checks.clear();
        b.findings.clear();
        assert!(analyse_pillar(&b).summary.starts_with("Not assessed"));
    }
}
