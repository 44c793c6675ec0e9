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
mod discovery;
mod document;
mod fact;
mod finding;
mod history;
mod inventory;
mod money;
mod org;
mod pillar;
pub mod region;
mod resource;
pub mod wildcard;

pub use analysis::{BriefStats, Effort, Rating, ResourceRef, StageTiming, TradeOff, TradeOffSide};
pub use assessment::{
    ASSESSMENT_SCHEMA_VERSION, AnalysisSource, Assessment, CheckSummary, ExecutiveSummary,
    ModelInfo, PillarAssessment, Recommendation, ScanInfo, ScanSource, Usage,
};
pub use discovery::Discovery;
pub use document::DocumentError;
pub use fact::{Fact, Unknown};
pub use finding::{ExpiredSuppression, Finding, SuppressedFinding, finding_id};
pub use history::{
    Comparison, PillarDelta, PillarScore, ResolvedFinding, ResourceKey, ScanDiff, ScanRecord,
    ScanScope, ScanStatus, SinceLast, StoredFinding, TrendPoint,
};
pub use inventory::{CoverageGap, INVENTORY_SCHEMA_VERSION, Inventory};
pub use money::usd;
pub use org::{
    AccountScore, ORG_ROLLUP_SCHEMA_VERSION, OrgAccount, OrgRollup, PillarWorst, RecurringFinding,
    RollupBuilder, ScannedAccount, SeverityCount, UnscannedAccount, WORST_ACCOUNTS,
};
pub use pillar::{Pillar, Risk, Severity, best_practice_url};
pub use resource::*;

/// An error and its sources, each said once: `dispatch failure: tcp connect error: Connection
/// refused (os error 111)`. For messages a person reads when an outside service fails.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(e) = next {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

/// What an AWS service said when it refused a call: its error code and message
/// (`AccessDenied: Access Denied`), or `otherwise` (the SDK's own words) when it gave no code.
/// The SDK's display of an error it has no type for is only "unhandled error (CODE)".
pub fn service_said(
    code: Option<&str>,
    message: Option<&str>,
    otherwise: impl std::fmt::Display,
) -> String {
    match (code, message) {
        (Some(code), Some(message)) if !message.is_empty() => format!("{code}: {message}"),
        (Some(code), _) => code.to_string(),
        _ => otherwise.to_string(),
    }
}

/// `n` and the noun, singular or plural: "1 finding", "3 findings". Every count wellscan
/// prints goes through here.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The region name used for account-wide (global) resources such as IAM.
pub const GLOBAL_REGION: &str = "global";

#[cfg(test)]
mod tests {
    #[test]
    fn a_service_error_is_said_by_its_code_and_message() {
        let sdk = "unhandled error (AccessDenied)";
        assert_eq!(
            super::service_said(Some("AccessDenied"), Some("Access Denied"), sdk),
            "AccessDenied: Access Denied"
        );
        assert_eq!(
            super::service_said(Some("AccessDenied"), Some(""), sdk),
            "AccessDenied"
        );
        assert_eq!(super::service_said(None, Some("x"), sdk), sdk);
    }
}
