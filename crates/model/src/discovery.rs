//! What a live discovery reports while it runs: the scanner sends it, the orchestrator passes
//! it on, the terminal and the web UI show it.

/// The steps of a live discovery.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Discovery {
    /// The account and the regions that will be scanned.
    Started {
        account_id: String,
        regions: Vec<String>,
        /// Regions asked for (or listed) that the account has not enabled.
        not_enabled: Vec<String>,
    },
    /// One service in one region began.
    UnitStarted { region: String, service: String },
    UnitFinished {
        region: String,
        service: String,
        resources: usize,
        gaps: usize,
    },
    /// The deadline passed; unfinished units became coverage gaps.
    DeadlineReached,
}
