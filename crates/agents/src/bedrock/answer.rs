//! The answers the agents must give (as tool schemas), their validation, and grounding: every
//! cited id must exist in this scan, and a recommendation left without a finding is dropped.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use wellscan_model::{Effort, Rating, Recommendation, Severity};

use crate::PillarBrief;

pub const PILLAR_TOOL: &str = "pillar_analysis";
pub const SUMMARY_TOOL: &str = "executive_summary";

pub fn pillar_schema() -> serde_json::Value {
    serde_json::json!({
        "type": "object",
        "properties": {
            "rating": {"type": "string", "enum": ["excellent", "good", "fair", "poor", "critical"], "description": "Your own rating of the pillar from the evidence."},
            "summary": {"type": "string", "description": "Three to six sentences on the pillar's state and what matters most."},
            "risks": {"type": "array", "items": {"type": "string"}, "maxItems": 5, "description": "The most serious risks, one sentence each, worst first."},
            "recommendations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string"},
                        "rationale": {"type": "string"},
                        "priority": {"type": "string", "enum": ["critical", "high", "medium", "low"]},
                        "effort": {"type": "string", "enum": ["low", "medium", "high"]},
                        "expected_benefit": {"type": "string", "description": "What acting on it achieves, in one sentence."},
                        "finding_ids": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        "resource_ids": {"type": "array", "items": {"type": "string"}}
                    },
                    "required": ["title", "rationale", "priority", "effort", "expected_benefit", "finding_ids"]
                }
            }
        },
        "required": ["rating", "summary", "risks", "recommendations"]
    })
}

pub fn summary_schema() -> serde_json::Value {
    serde_json::json!({
        "type": "object",
        "properties": {
            "headline": {"type": "string"},
            "key_risks": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
            "top_actions": {"type": "array", "items": {"type": "string"}, "maxItems": 5}
        },
        "required": ["headline", "key_risks", "top_actions"]
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PillarAnswer {
    rating: String,
    summary: String,
    risks: Vec<String>,
    recommendations: Vec<RecommendationAnswer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecommendationAnswer {
    title: String,
    rationale: String,
    priority: String,
    effort: String,
    expected_benefit: String,
    finding_ids: Vec<String>,
    #[serde(default)]
    resource_ids: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryAnswer {
    pub headline: String,
    pub key_risks: Vec<String>,
    pub top_actions: Vec<String>,
}

/// A pillar answer after validation and grounding.
#[derive(Debug, PartialEq)]
pub struct Grounded {
    pub rating: Rating,
    pub summary: String,
    pub risks: Vec<String>,
    pub recommendations: Vec<Recommendation>,
    /// Recommendations dropped because none of their finding ids exist in this scan.
    pub ungrounded_dropped: usize,
}

/// Checks the tool input against the schema; the error says what is wrong, for a second try.
pub fn pillar(input: &serde_json::Value, brief: &PillarBrief) -> Result<Grounded, String> {
    let answer: PillarAnswer = serde_json::from_value(input.clone())
        .map_err(|e| format!("the answer does not follow the schema: {e}"))?;
    if answer.summary.trim().is_empty() {
        return Err("`summary` is empty".into());
    }
    let Some(rating) = Rating::parse(&answer.rating) else {
        return Err(format!(
            "rating `{}` is not one of excellent, good, fair, poor, critical",
            answer.rating
        ));
    };
    for (i, r) in answer.recommendations.iter().enumerate() {
        if Severity::parse(&r.priority).is_none() {
            return Err(format!(
                "recommendation {}: priority `{}` is not one of critical, high, medium, low",
                i + 1,
                r.priority
            ));
        }
        if Effort::parse(&r.effort).is_none() {
            return Err(format!(
                "recommendation {}: effort `{}` is not one of low, medium, high",
                i + 1,
                r.effort
            ));
        }
    }
    Ok(ground(answer, rating, brief))
}

pub fn summary(input: &serde_json::Value) -> Result<SummaryAnswer, String> {
    let answer: SummaryAnswer = serde_json::from_value(input.clone())
        .map_err(|e| format!("the answer does not follow the schema: {e}"))?;
    if answer.headline.trim().is_empty() {
        return Err("`headline` is empty".into());
    }
    Ok(answer)
}

fn ground(answer: PillarAnswer, rating: Rating, brief: &PillarBrief) -> Grounded {
    let findings: BTreeMap<&str, &wellscan_model::Finding> =
        brief.findings.iter().map(|f| (f.id.as_str(), f)).collect();
    let resources: BTreeSet<&str> = brief
        .findings
        .iter()
        .map(|f| f.resource_id.as_str())
        .collect();
    let mut kept = Vec::new();
    let mut dropped = 0;
    for r in answer.recommendations {
        let cited: Vec<&wellscan_model::Finding> = r
            .finding_ids
            .iter()
            .filter_map(|id| findings.get(id.as_str()).copied())
            .collect();
        if cited.is_empty() {
            dropped += 1;
            continue;
        }
        let mut resource_ids: Vec<String> = r
            .resource_ids
            .into_iter()
            .filter(|id| resources.contains(id.as_str()))
            .collect();
        for f in &cited {
            if !resource_ids.contains(&f.resource_id) {
                resource_ids.push(f.resource_id.clone());
            }
        }
        let worst = cited
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Low);
        let priority = Severity::parse(&r.priority).unwrap_or(worst).min(worst);
        // Savings only from the cited findings, one figure per resource.
        let mut per_resource: BTreeMap<&str, f64> = BTreeMap::new();
        for f in &cited {
            if let Some(s) = f.monthly_savings_usd {
                let e = per_resource.entry(f.resource_id.as_str()).or_default();
                *e = e.max(s);
            }
        }
        let savings: f64 = per_resource.values().sum();
        kept.push(Recommendation {
            title: r.title,
            rationale: r.rationale,
            priority,
            effort: Effort::parse(&r.effort),
            expected_benefit: r.expected_benefit,
            pillars: vec![brief.pillar],
            finding_ids: cited.iter().map(|f| f.id.clone()).collect(),
            resource_ids,
            monthly_savings_usd: (savings > 0.0).then_some(savings),
        });
    }
    Grounded {
        rating,
        summary: answer.summary,
        risks: answer.risks.into_iter().take(5).collect(),
        recommendations: kept,
        ungrounded_dropped: dropped,
    }
}
