use std::time::Duration;

use wellscan_model::{AnalysisSource, Discovery, Pillar, Rating};

/// A stage of the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Inventory,
    Checks,
    Analysis,
    Summary,
    Reports,
    Upload,
}

impl Stage {
    pub fn title(self) -> &'static str {
        match self {
            Stage::Inventory => "inventory",
            Stage::Checks => "checks",
            Stage::Analysis => "pillar analysis",
            Stage::Summary => "executive summary",
            Stage::Reports => "reports",
            Stage::Upload => "upload",
        }
    }
}

/// What the scan tells whoever watches it (the CLI's progress display, later the web UI).
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    StageStarted(Stage),
    StageFinished {
        stage: Stage,
        detail: String,
    },
    /// What a live scan reports while it discovers the account.
    Discovery(Discovery),
    /// A pillar agent took its turn (at most `agent_concurrency` run at once).
    PillarStarted {
        pillar: Pillar,
    },
    /// Something the user should know that does not stop the scan, said once.
    Warning(String),
    PillarFinished {
        pillar: Pillar,
        source: AnalysisSource,
        /// Why it fell back, if it did.
        degraded: Option<String>,
        rating: Option<Rating>,
        elapsed: Duration,
    },
}
