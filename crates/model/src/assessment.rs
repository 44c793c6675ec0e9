use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    BriefStats, CoverageGap, DocumentError, Effort, ExpiredSuppression, Finding, Pillar, Rating,
    Severity, StageTiming, SuppressedFinding, TradeOff,
};

/// The assessment schema this build writes and the newest it reads.
pub const ASSESSMENT_SCHEMA_VERSION: u32 = 1;

/// The result of one scan: scores, findings, the analysts' view and what could not be seen.
/// Written as `assessment.json`; the field names are a published interface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub schema_version: u32,
    pub scan: ScanInfo,
    /// 0–100, from the pillar scores (see the checks crate for the formula).
    pub overall_score: u8,
    pub pillars: Vec<PillarAssessment>,
    pub findings: Vec<Finding>,
    /// Findings a team set aside, with their reasons; listed apart and never scored.
    #[serde(default)]
    pub suppressed: Vec<SuppressedFinding>,
    /// Suppressions that matched but had expired, so their findings count again.
    #[serde(default)]
    pub expired_suppressions: Vec<ExpiredSuppression>,
    /// Every check that ran, with how many resources it evaluated and how many failed.
    pub checks: Vec<CheckSummary>,
    /// Every pillar's recommendations merged into one plan: the same advice from several
    /// pillars is one item tagged with each; ordered by priority, savings, then effort.
    #[serde(default)]
    pub plan: Vec<Recommendation>,
    /// Advice that pulls one resource two ways, for the reader to decide.
    #[serde(default)]
    pub trade_offs: Vec<TradeOff>,
    pub executive_summary: ExecutiveSummary,
    pub usage: Usage,
    /// How long each stage took, in the order they ran.
    #[serde(default)]
    pub timings: Vec<StageTiming>,
    /// What changed since the account's previous recorded scan, and the scores over time;
    /// absent when the scan is not recorded in a history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_last: Option<crate::SinceLast>,
}

impl Assessment {
    /// Parses an `assessment.json`, refusing one written by a newer wellscan.
    pub fn from_json(text: &str) -> Result<Assessment, DocumentError> {
        crate::document::from_json(text, ASSESSMENT_SCHEMA_VERSION)
    }

    pub fn pillar(&self, pillar: Pillar) -> Option<&PillarAssessment> {
        self.pillars.iter().find(|p| p.pillar == pillar)
    }

    /// The most severe finding, if any.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Where the inventory came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanSource {
    /// The recorded demo account.
    Demo,
    /// A recorded inventory file.
    Inventory,
    /// Live AWS APIs.
    Live,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanInfo {
    pub id: String,
    pub account_id: String,
    pub partition: String,
    pub regions: Vec<String>,
    /// Opt-in regions the account has not enabled, which were therefore not scanned.
    #[serde(default)]
    pub regions_not_enabled: Vec<String>,
    pub source: ScanSource,
    /// When the inventory was taken.
    pub inventory_taken_at: DateTime<Utc>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub resources: usize,
    pub coverage_gaps: Vec<CoverageGap>,
    /// The day the prices behind the savings figures were taken.
    #[serde(default)]
    pub prices_taken_on: Option<String>,
}

/// Which analyst wrote a part of the assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnalysisSource {
    Bedrock,
    Offline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PillarAssessment {
    pub pillar: Pillar,
    /// 0–100, deterministic from the checks.
    pub score: u8,
    /// How many checks of this pillar evaluated at least one resource.
    pub checks_evaluated: usize,
    pub findings: usize,
    pub high_risk_issues: usize,
    pub medium_risk_issues: usize,
    /// The analyst's narrative.
    pub summary: String,
    pub source: AnalysisSource,
    /// The model and prompt version that wrote this part; `None` from the offline analyst.
    #[serde(default)]
    pub model: Option<ModelInfo>,
    /// `None`, or why this pillar fell back to a lesser analyst.
    pub degraded: Option<String>,
    /// The analyst's own rating, shown beside the score and never used for it.
    #[serde(default)]
    pub rating: Option<Rating>,
    /// The rating is two or more bands from the score's band (see [`Rating`]).
    #[serde(default)]
    pub rating_disagrees: bool,
    /// The risks the analyst sees, most serious first.
    #[serde(default)]
    pub risks: Vec<String>,
    pub recommendations: Vec<Recommendation>,
    /// Recommendations the model wrote that cited no finding of this scan, dropped.
    #[serde(default)]
    pub ungrounded_dropped: usize,
    /// What the analyst was shown, and what the token budget left out.
    #[serde(default)]
    pub brief: BriefStats,
}

impl PillarAssessment {
    /// The findings the model that wrote this analysis was not shown (its brief's budget left
    /// them out). Zero when the offline analyst wrote it: it reads every finding.
    pub fn findings_not_shown(&self) -> usize {
        match self.source {
            AnalysisSource::Bedrock => self.brief.findings_trimmed,
            AnalysisSource::Offline => 0,
        }
    }
}

/// Which model and prompt wrote a part of the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// Model id, inference profile id or ARN, as given.
    pub model_id: String,
    pub prompt_version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub title: String,
    pub rationale: String,
    pub priority: Severity,
    #[serde(default)]
    pub effort: Option<Effort>,
    /// What acting on it achieves, in a sentence.
    #[serde(default)]
    pub expected_benefit: String,
    /// The pillars that gave this advice (one, unless the plan merged the same advice).
    #[serde(default)]
    pub pillars: Vec<Pillar>,
    /// Every finding this recommendation rests on; each exists in `findings`.
    pub finding_ids: Vec<String>,
    /// Every resource this recommendation rests on.
    pub resource_ids: Vec<String>,
    /// What acting on it saves per month, from the cited findings.
    pub monthly_savings_usd: Option<f64>,
}

impl Recommendation {
    /// The order of a plan: highest priority, then most savings, then least effort (unknown
    /// last), then most findings, then title.
    pub fn plan_order(a: &Recommendation, b: &Recommendation) -> std::cmp::Ordering {
        let effort = |r: &Recommendation| r.effort.map_or(u8::MAX, |e| e as u8);
        b.priority
            .cmp(&a.priority)
            .then_with(|| {
                b.monthly_savings_usd
                    .unwrap_or(0.0)
                    .total_cmp(&a.monthly_savings_usd.unwrap_or(0.0))
            })
            .then_with(|| effort(a).cmp(&effort(b)))
            .then_with(|| b.finding_ids.len().cmp(&a.finding_ids.len()))
            .then_with(|| a.title.cmp(&b.title))
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ExecutiveSummary {
    pub headline: String,
    pub key_risks: Vec<String>,
    pub top_actions: Vec<String>,
    /// Estimated monthly savings over all findings.
    pub monthly_savings_usd: f64,
    pub source: Option<AnalysisSource>,
    #[serde(default)]
    pub model: Option<ModelInfo>,
    /// `None`, or why the summary fell back to the offline analyst.
    #[serde(default)]
    pub degraded: Option<String>,
}

/// What the model calls cost. Zeros when the offline analyst wrote everything.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Usage {
    pub model_calls: u32,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub estimated_cost_usd: f64,
}

impl Usage {
    /// Adds another part's usage to this one.
    pub fn add(&mut self, other: &Usage) {
        self.model_calls += other.model_calls;
        self.input_tokens += other.input_tokens;
        self.output_tokens += other.output_tokens;
        self.estimated_cost_usd += other.estimated_cost_usd;
    }
}

/// One check's result over the whole inventory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckSummary {
    pub check_id: String,
    pub pillar: Pillar,
    pub best_practice: String,
    /// The Well-Architected Tool question (`wellarchitected` lens) the check provides
    /// evidence for, e.g. `permissions`; empty in documents of an older wellscan.
    #[serde(default)]
    pub wa_question: String,
    /// The choice of that question, e.g. `sec_permissions_least_privileges`: also the
    /// best practice's page in the framework's documentation.
    #[serde(default)]
    pub wa_choice: String,
    pub severity: Severity,
    pub title: String,
    /// The action that fixes it, in a few words.
    pub action: String,
    /// Resources the check looked at.
    pub evaluated: usize,
    /// Resources that failed it (suppressed ones are not counted here or in `evaluated`).
    pub failed: usize,
    /// Failing resources a suppression in the configuration set aside.
    #[serde(default)]
    pub suppressed: usize,
    /// Resources the check would have looked at but could not judge, because a fact it
    /// decides on could not be read (see [`crate::Fact`]). Neither passed nor failed, and left
    /// out of the score.
    #[serde(default)]
    pub not_evaluated: usize,
}
