//! The analysis stage: six pillar analysts at once, then the summary analyst on their output.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinSet;
use tracing::Instrument;
use wellscan_agents::{
    AccessError, Offline, PillarAnalysis, PillarBrief, SummaryBrief, SummaryPillar,
};
use wellscan_checks::{CheckRun, Scores};
use wellscan_model::{
    AnalysisSource, BriefStats, ExecutiveSummary, Inventory, ModelInfo, Pillar, Risk, StageTiming,
    Usage,
};

use crate::{Progress, ScanPlan, Services, Stage};

/// One pillar's analysis and who wrote it.
#[derive(Debug, Clone)]
pub struct PillarOutcome {
    pub pillar: Pillar,
    pub analysis: PillarAnalysis,
    pub source: AnalysisSource,
    pub model: Option<ModelInfo>,
    pub degraded: Option<String>,
    pub brief: BriefStats,
    pub elapsed: Duration,
    /// What this pillar's calls cost, answered or not.
    pub usage: Usage,
}

#[derive(Debug, Clone)]
pub struct Analysed {
    /// In [`Pillar::ALL`] order.
    pub pillars: Vec<PillarOutcome>,
    pub summary: ExecutiveSummary,
    pub usage: Usage,
    /// The analysis and summary stages, then each pillar's call.
    pub timings: Vec<StageTiming>,
}

/// Asks the analyst once, before anything else, whether it can answer. A refusal stops the scan
/// (the user must change the model or its access); a question left open is a warning, and the
/// scan goes on. Returns what the check cost.
pub async fn check_access(
    plan: &ScanPlan,
    services: &Services,
    progress: &UnboundedSender<Progress>,
) -> Result<Usage, crate::ScanError> {
    let mut usage = Usage::default();
    let checked = tokio::time::timeout(
        plan.analyst_timeout,
        services.analyst.check_access(&mut usage),
    )
    .instrument(tracing::info_span!("check_access"))
    .await;
    let open = match checked {
        Ok(Ok(())) => return Ok(usage),
        Ok(Err(AccessError::Refused(why))) => return Err(crate::ScanError::AnalystRefused(why)),
        Ok(Err(AccessError::Unchecked(why))) => why,
        Err(_) => format!(
            "the analyst gave no answer within {} s to a first call",
            plan.analyst_timeout.as_secs()
        ),
    };
    let _ = progress.send(Progress::Warning(format!(
        "{open}; the scan goes on, and each pillar the analyst cannot answer falls back to the offline analyst"
    )));
    Ok(usage)
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
    let stage_started = Instant::now();
    let briefs: Vec<PillarBrief> = Pillar::ALL
        .into_iter()
        .map(|pillar| pillar_brief(plan, pillar, inventory, checked, scores))
        .collect();
    let permits = Arc::new(Semaphore::new(plan.agent_concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for brief in briefs {
        let pillar = brief.pillar;
        let analyst = Arc::clone(&services.analyst);
        let permits = Arc::clone(&permits);
        let progress = progress.clone();
        let timeout = plan.analyst_timeout;
        let span = tracing::info_span!("pillar", pillar = pillar.id());
        tasks.spawn(
            async move {
                // The semaphore is never closed, so a permit always comes.
                let _permit = permits.acquire_owned().await.ok();
                let _ = progress.send(Progress::PillarStarted { pillar });
                let started = Instant::now();
                let mut usage = Usage::default();
                let result =
                    tokio::time::timeout(timeout, analyst.analyse_pillar(&brief, &mut usage)).await;
                let mut outcome = match result {
                    Ok(Ok(analysis)) => PillarOutcome {
                        pillar,
                        analysis,
                        source: analyst.source(),
                        model: analyst.model(),
                        degraded: None,
                        brief: brief.stats,
                        elapsed: Duration::ZERO,
                        usage: Usage::default(),
                    },
                    Ok(Err(error)) => fallback(&brief, error.to_string()),
                    Err(_) => fallback(&brief, format!("no answer within {} s", timeout.as_secs())),
                };
                outcome.elapsed = started.elapsed();
                outcome.usage = usage;
                if let Some(reason) = &outcome.degraded {
                    tracing::warn!(pillar = pillar.id(), %reason, "pillar analysis fell back to the offline analyst");
                }
                // Sent while the permit is held, so watchers never see more than the bound.
                let _ = progress.send(Progress::PillarFinished {
                    pillar,
                    source: outcome.source,
                    degraded: outcome.degraded.clone(),
                    rating: outcome.analysis.rating,
                    elapsed: outcome.elapsed,
                });
                outcome
            }
            .instrument(span),
        );
    }
    let mut pillars = Vec::with_capacity(Pillar::ALL.len());
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(outcome) => pillars.push(outcome),
            // A panicking analyst is a bug; the pillar is filled in below so the report is whole.
            Err(error) => tracing::error!(%error, "a pillar analysis task failed"),
        }
    }
    for pillar in Pillar::ALL {
        if !pillars.iter().any(|p| p.pillar == pillar) {
            let brief = pillar_brief(plan, pillar, inventory, checked, scores);
            pillars.push(fallback(&brief, "the analysis task failed".into()));
        }
    }
    pillars.sort_by_key(|p| p.pillar);
    let analysis_elapsed = stage_started.elapsed();
    let _ = progress.send(Progress::StageFinished {
        stage: Stage::Analysis,
        detail: format!(
            "{} analysed, {} degraded",
            wellscan_model::count(pillars.len(), "pillar", "pillars"),
            pillars.iter().filter(|p| p.degraded.is_some()).count()
        ),
    });

    let _ = progress.send(Progress::StageStarted(Stage::Summary));
    let summary_started = Instant::now();
    let brief = summary_brief(inventory, checked, scores, &pillars);
    let mut usage = Usage::default();
    let summary = match tokio::time::timeout(
        plan.analyst_timeout,
        services.analyst.summarise(&brief, &mut usage),
    )
    .instrument(tracing::info_span!("summary"))
    .await
    {
        Ok(Ok(summary)) => Ok(summary),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err(format!(
            "no answer within {} s",
            plan.analyst_timeout.as_secs()
        )),
    };
    let summary = summary.unwrap_or_else(|reason| {
        tracing::warn!(%reason, "executive summary fell back to the offline analyst");
        ExecutiveSummary {
            degraded: Some(reason),
            ..Offline::summary(&brief)
        }
    });
    let _ = progress.send(Progress::StageFinished {
        stage: Stage::Summary,
        detail: summary.headline.clone(),
    });

    let summary_elapsed = summary_started.elapsed();
    let mut timings = vec![
        timing("analysis", analysis_elapsed),
        timing("summary", summary_elapsed),
    ];
    for p in &pillars {
        timings.push(timing(&format!("pillar:{}", p.pillar.id()), p.elapsed));
    }

    for p in &pillars {
        usage.add(&p.usage);
    }
    Analysed {
        pillars,
        summary,
        usage,
        timings,
    }
}

pub fn timing(stage: &str, elapsed: Duration) -> StageTiming {
    StageTiming {
        stage: stage.to_string(),
        millis: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
    }
}

fn fallback(brief: &PillarBrief, reason: String) -> PillarOutcome {
    PillarOutcome {
        pillar: brief.pillar,
        analysis: Offline::pillar(brief),
        source: AnalysisSource::Offline,
        model: None,
        degraded: Some(reason),
        brief: brief.stats,
        elapsed: Duration::ZERO,
        usage: Usage::default(),
    }
}

fn pillar_brief(
    plan: &ScanPlan,
    pillar: Pillar,
    inventory: &Inventory,
    checked: &CheckRun,
    scores: &Scores,
) -> PillarBrief {
    PillarBrief::build(
        pillar,
        scores.pillar(pillar).score,
        inventory,
        &checked.summaries,
        &checked.findings,
        plan.brief_tokens,
    )
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
                rating: p.analysis.rating,
                risks: p.analysis.risks.clone(),
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
