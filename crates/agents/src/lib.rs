//! wellscan's analysts.
//!
//! An [`Analyst`] reads a [`PillarBrief`] (one pillar's score, checks and findings) and writes
//! a [`PillarAnalysis`]: a narrative and recommendations that cite finding and resource ids.
//! It then reads a [`SummaryBrief`] (every pillar's outcome) and writes the executive
//! summary. [`Offline`] does this deterministically from the findings, with no model; the
//! Bedrock analyst implements the same trait.
//!
//! Analysts never compute scores: scores come from the checks and are only shown to them.

mod bedrock;
mod brief;
mod offline;

pub use bedrock::{Bedrock, PROMPT_VERSION};
pub use brief::{PillarBrief, SummaryBrief, SummaryPillar};
pub use offline::Offline;

use async_trait::async_trait;
use wellscan_model::{AnalysisSource, ExecutiveSummary, Recommendation, Usage};

/// What an analyst says about one pillar.
#[derive(Debug, Clone, PartialEq)]
pub struct PillarAnalysis {
    pub summary: String,
    pub recommendations: Vec<Recommendation>,
    pub usage: Usage,
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

/// One outside system that turns evidence into analysis.
#[async_trait]
pub trait Analyst: Send + Sync {
    /// Which analyst this is, recorded on every part it writes.
    fn source(&self) -> AnalysisSource;

    async fn analyse_pillar(&self, brief: &PillarBrief) -> Result<PillarAnalysis, AnalystError>;

    async fn summarise(
        &self,
        brief: &SummaryBrief,
    ) -> Result<(ExecutiveSummary, Usage), AnalystError>;
}
