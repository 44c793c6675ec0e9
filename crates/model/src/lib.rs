//! The wellscan domain model.
//!
//! Every value that crosses a stage boundary lives here: the [`Inventory`] the scanner
//! produces, the [`Finding`]s the checks derive from it, and the [`Assessment`] the
//! orchestrator assembles for the reports. The crate is serde-only: it does no I/O and knows
//! nothing of AWS clients, models or file formats beyond JSON.
//!
//! JSON is the interchange format. Every top-level document ([`Inventory`], [`Assessment`])
//! carries a `schema_version`; readers refuse documents newer than they understand.

mod analysis;
mod assessment;
mod document;
mod finding;
mod inventory;
mod money;
mod pillar;
pub mod region;
mod resource;

pub use analysis::{BriefStats, Effort, Rating, ResourceRef, StageTiming, TradeOff, TradeOffSide};
pub use assessment::{
    ASSESSMENT_SCHEMA_VERSION, AnalysisSource, Assessment, CheckSummary, ExecutiveSummary,
    ModelInfo, PillarAssessment, Recommendation, ScanInfo, ScanSource, Usage,
};
pub use document::DocumentError;
pub use finding::{ExpiredSuppression, Finding, SuppressedFinding, finding_id};
pub use inventory::{CoverageGap, INVENTORY_SCHEMA_VERSION, Inventory};
pub use money::usd;
pub use pillar::{Pillar, Risk, Severity};
pub use resource::*;

/// The region name used for account-wide (global) resources such as IAM.
pub const GLOBAL_REGION: &str = "global";
