//! wellscan's analysts.
//!
//! An [`Analyst`] reads a [`PillarBrief`] (one pillar's score, checks, findings worst first and
//! the records of the resources they name, fitted to a token budget) and writes a
//! [`PillarAnalysis`]: a rating, a narrative, risks, and recommendations that cite finding and
//! resource ids.
//! It then reads a [`SummaryBrief`] (every pillar's outcome) and writes the executive
//! summary. [`Offline`] does this deterministically from the findings, with no model; the
//! Bedrock analyst implements the same trait.
//!
//! Analysts never compute scores: scores come from the checks and are only shown to them.

mod bedrock;
mod brief;
mod offline;

pub use bedrock::{Bedrock, PROMPT_VERSION, fenced};
pub use brief::{
    AccountProfile, DEFAULT_BRIEF_TOKENS, MIN_BRIEF_TOKENS, PillarBrief, SummaryBrief,
    SummaryPillar, default_budget, estimate_tokens,
};
pub use offline::Offline;

use async_trait::async_trait;
use wellscan_model::{AnalysisSource, ExecutiveSummary, ModelInfo, Rating, Recommendation, Usage};

/// What an analyst says about one pillar.
#[derive(Debug, Clone, PartialEq)]
pub struct PillarAnalysis {
    /// The analyst's own rating; `None` when nothing of the pillar was evaluated.
    pub rating: Option<Rating>,
    pub summary: String,
    /// The most serious risks, worst first.
    pub risks: Vec<String>,
    pub recommendations: Vec<Recommendation>,
    /// Recommendations a model wrote that cited no finding of this scan, and were dropped.
    pub ungrounded_dropped: usize,
}

/// Why an analyst could not answer.
#[derive(Debug, thiserror::Error)]
pub enum AnalystError {
    #[error("the model service failed: {0}")]
    Service(String),
    #[error("the model's answer was not usable: {0}")]
    InvalidAnswer(String),
    #[error("no answer within {seconds} s")]
    Timeout { seconds: u64 },
}

/// Why an analyst cannot be relied on before a scan starts.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// The service said no: access to the model, the model id, the caller. Only the user can
    /// change that, so a scan does not start.
    #[error("{0}")]
    Refused(String),
    /// The service could not be asked (unreachable, throttled, failing). The scan goes on and
    /// each part that still cannot be answered falls back to the offline analyst.
    #[error("{0}")]
    Unchecked(String),
}

/// One outside system that turns evidence into analysis.
#[async_trait]
pub trait Analyst: Send + Sync {
    /// Which analyst this is, recorded on every part it writes.
    fn source(&self) -> AnalysisSource;

    /// The model and prompt version behind this analyst's answers; `None` without a model.
    fn model(&self) -> Option<ModelInfo> {
        None
    }

    /// Whether the analyst can answer at all, asked once before a scan starts so that a
    /// model the caller may not use stops the scan before discovery, not after it. Any call it
    /// makes adds to `usage`. An analyst without a service is always ready.
    async fn check_access(&self, usage: &mut Usage) -> Result<(), AccessError> {
        let _ = usage;
        Ok(())
    }

    /// Analyses one pillar. Every model call adds to `usage` as it completes, so calls that
    /// end in an error, or in a timeout that drops this future, are still counted.
    async fn analyse_pillar(
        &self,
        brief: &PillarBrief,
        usage: &mut Usage,
    ) -> Result<PillarAnalysis, AnalystError>;

    /// Writes the executive summary; `usage` as for [`Analyst::analyse_pillar`].
    async fn summarise(
        &self,
        brief: &SummaryBrief,
        usage: &mut Usage,
    ) -> Result<ExecutiveSummary, AnalystError>;
}
