//! The analysis stage: six pillar analysts at once, then the summary analyst on their output.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinSet;
use tracing::Instrument;
use wellscan_agents::{Offline, PillarAnalysis, PillarBrief, SummaryBrief, SummaryPillar};
use wellscan_checks::{CheckRun, Scores};
use wellscan_model::{AnalysisSource, ExecutiveSummary, Inventory, Pillar, Risk, Usage};

use crate::{Progress, ScanPlan, Services, Stage};

/// One pillar's analysis and who wrote it.
#[derive(Debug, Clone)]
pub struct PillarOutcome {
    pub pillar: Pillar,
    pub analysis: PillarAnalysis,
    pub source: AnalysisSource,
    pub degraded: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Analysed {
    /// In [`Pillar::ALL`] order.
    pub pillars: Vec<PillarOutcome>,
    pub summary: ExecutiveSummary,
    pub usage: Usage,
}

pub async fn analyse(
    plan: &ScanPlan,
    services: &Services,
    inventory: &Inventory,
    checked: &CheckRun,
    scores: &Scores,
    progress: &UnboundedSender<Progress>,
) -> Analysed {
    let _ = progress.send(Progress::StageStarted(Stage::Analysis));
    let mut tasks = JoinSet::new();
    for pillar in Pillar::ALL {
        let brief = pillar_brief(pillar, inventory, checked, scores);
        let analyst = Arc::clone(&services.analyst);
        let timeout = plan.analyst_timeout;
        let span = tracing::info_span!("pillar", pillar = pillar.id());
        tasks.spawn(
            async move {
                let result = tokio::time::timeout(timeout, analyst.analyse_pillar(&brief)).await;
                let outcome = match result {
                    Ok(Ok(analysis)) => PillarOutcome {
                        pillar,
                        analysis,
                        source: analyst.source(),
                        degraded: None,
                    },
                    Ok(Err(error)) => fallback(&brief, error.to_string()),
                    Err(_) => fallback(&brief, format!("no answer within {} s", timeout.as_secs())),
                };
                if let Some(reason) = &outcome.degraded {
                    tracing::warn!(pillar = pillar.id(), %reason, "pillar analysis fell back to the offline analyst");
                }
                outcome
            }
            .instrument(span),
        );
    }
    let mut pillars = Vec::with_capacity(Pillar::ALL.len());
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(outcome) => {
                let _ = progress.send(Progress::PillarFinished {
                    pillar: outcome.pillar,
                    source: outcome.source,
                    degraded: outcome.degraded.clone(),
                });
                pillars.push(outcome);
            }
            // A panicking analyst is a bug; the pillar is filled in below so the report is whole.
            Err(error) => tracing::error!(%error, "a pillar analysis task failed"),
        }
    }
    for pillar in Pillar::ALL {
        if !pillars.iter().any(|p| p.pillar == pillar) {
            let brief = pillar_brief(pillar, inventory, checked, scores);
            pillars.push(fallback(&brief, "the analysis task failed".into()));
        }
    }
    pillars.sort_by_key(|p| p.pillar);
    let _ = progress.send(Progress::StageFinished {
        stage: Stage::Analysis,
        detail: format!(
            "{} pillars analysed, {} degraded",
            pillars.len(),
            pillars.iter().filter(|p| p.degraded.is_some()).count()
        ),
    });

    let _ = progress.send(Progress::StageStarted(Stage::Summary));
    let brief = summary_brief(inventory, checked, scores, &pillars);
    let summary =
        match tokio::time::timeout(plan.analyst_timeout, services.analyst.summarise(&brief))
            .instrument(tracing::info_span!("summary"))
            .await
        {
            Ok(Ok((summary, usage))) => Some((summary, usage)),
            Ok(Err(error)) => {
                tracing::warn!(%error, "executive summary fell back to the offline analyst");
                None
            }
            Err(_) => {
                tracing::warn!("executive summary timed out; using the offline analyst");
                None
            }
        };
    let (summary, summary_usage) =
        summary.unwrap_or_else(|| (wellscan_agents::Offline::summary(&brief), Usage::default()));
    let _ = progress.send(Progress::StageFinished {
        stage: Stage::Summary,
        detail: summary.headline.clone(),
    });

    let mut usage = summary_usage;
    for p in &pillars {
        usage.model_calls += p.analysis.usage.model_calls;
        usage.input_tokens += p.analysis.usage.input_tokens;
        usage.output_tokens += p.analysis.usage.output_tokens;
        usage.estimated_cost_usd += p.analysis.usage.estimated_cost_usd;
    }
    Analysed {
        pillars,
        summary,
        usage,
    }
}

fn fallback(brief: &PillarBrief, reason: String) -> PillarOutcome {
    PillarOutcome {
        pillar: brief.pillar,
        analysis: Offline::pillar(brief),
        source: AnalysisSource::Offline,
        degraded: Some(reason),
    }
}

fn pillar_brief(
    pillar: Pillar,
    inventory: &Inventory,
    checked: &CheckRun,
    scores: &Scores,
) -> PillarBrief {
    PillarBrief {
        pillar,
        score: scores.pillar(pillar).score,
        account_id: inventory.account_id.clone(),
        regions: inventory.regions.clone(),
        checks: checked
            .summaries
            .iter()
            .filter(|c| c.pillar == pillar)
            .cloned()
            .collect(),
        findings: checked
            .findings
            .iter()
            .filter(|f| f.pillar == pillar)
            .cloned()
            .collect(),
        coverage_gaps: inventory.coverage_gaps.clone(),
    }
}

fn summary_brief(
    inventory: &Inventory,
    checked: &CheckRun,
    scores: &Scores,
    pillars: &[PillarOutcome],
) -> SummaryBrief {
    let high_risk = |pillar: Option<Pillar>| {
        checked
            .findings
            .iter()
            .filter(|f| pillar.is_none_or(|p| f.pillar == p) && f.risk() == Risk::High)
            .count()
    };
    SummaryBrief {
        account_id: inventory.account_id.clone(),
        overall_score: scores.overall,
        pillars: pillars
            .iter()
            .map(|p| SummaryPillar {
                pillar: p.pillar,
                score: scores.pillar(p.pillar).score,
                summary: p.analysis.summary.clone(),
                recommendations: p.analysis.recommendations.clone(),
                high_risk_issues: high_risk(Some(p.pillar)),
            })
            .collect(),
        findings: checked.findings.len(),
        high_risk_issues: high_risk(None),
        monthly_savings_usd: wellscan_checks::total_savings(&checked.findings),
        coverage_gaps: inventory.coverage_gaps.len(),
    }
}
