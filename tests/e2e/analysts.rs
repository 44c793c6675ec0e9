//! A failing or slow analyst degrades its pillar and nothing else.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use wellscan_agents::{Analyst, AnalystError, Offline, PillarAnalysis, PillarBrief, SummaryBrief};
use wellscan_model::{AnalysisSource, ExecutiveSummary, Pillar, Usage};
use wellscan_orchestrator::InventorySource;

/// Answers like a model would, except: Security errors, Reliability never answers, and the
/// summary fails.
struct Flaky;

#[async_trait]
impl Analyst for Flaky {
    fn source(&self) -> AnalysisSource {
        AnalysisSource::Bedrock
    }

    async fn analyse_pillar(
        &self,
        brief: &PillarBrief,
        usage: &mut Usage,
    ) -> Result<PillarAnalysis, AnalystError> {
        match brief.pillar {
            Pillar::Security => Err(AnalystError::Service(
                "ThrottlingException: rate exceeded".into(),
            )),
            Pillar::Reliability => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                Err(AnalystError::Timeout { seconds: 3600 })
            }
            _ => {
                tokio::time::sleep(Duration::from_millis(300)).await;
                let mut analysis = Offline.analyse_pillar(brief, usage).await?;
                analysis.summary = format!("model view of {}", brief.pillar.id());
                usage.add(&Usage {
                    model_calls: 1,
                    input_tokens: 1000,
                    output_tokens: 200,
                    estimated_cost_usd: 0.01,
                });
                Ok(analysis)
            }
        }
    }

    async fn summarise(
        &self,
        _brief: &SummaryBrief,
        _usage: &mut Usage,
    ) -> Result<ExecutiveSummary, AnalystError> {
        Err(AnalystError::InvalidAnswer(
            "text instead of the tool".into(),
        ))
    }
}

#[tokio::test]
async fn a_failing_pillar_falls_back_and_the_others_are_unaffected() {
    let (dir, outcome) = crate::scan(
        InventorySource::Demo,
        Arc::new(Flaky),
        Duration::from_secs(2),
    )
    .await;
    let a = &outcome.assessment;

    let security = a.pillar(Pillar::Security).expect("security");
    assert_eq!(security.source, AnalysisSource::Offline);
    assert!(
        security
            .degraded
            .as_deref()
            .is_some_and(|r| r.contains("ThrottlingException")),
        "{:?}",
        security.degraded
    );
    let reliability = a.pillar(Pillar::Reliability).expect("reliability");
    assert_eq!(
        reliability.degraded.as_deref(),
        Some("no answer within 2 s")
    );
    assert!(
        !reliability.recommendations.is_empty(),
        "fallback still recommends"
    );

    for pillar in [
        Pillar::OperationalExcellence,
        Pillar::PerformanceEfficiency,
        Pillar::CostOptimization,
        Pillar::Sustainability,
    ] {
        let p = a.pillar(pillar).expect("pillar");
        assert_eq!(p.source, AnalysisSource::Bedrock, "{pillar}");
        assert_eq!(p.degraded, None);
        assert_eq!(p.summary, format!("model view of {}", pillar.id()));
    }
    assert_eq!(
        a.executive_summary.source,
        Some(AnalysisSource::Offline),
        "summary fell back"
    );
    assert_eq!(a.usage.model_calls, 4);
    assert_eq!(a.usage.input_tokens, 4000);

    let html = std::fs::read_to_string(dir.path().join("report.html")).expect("report.html");
    assert!(
        html.contains("Degraded: the model service failed: ThrottlingException"),
        "the report says which pillar degraded"
    );
}
