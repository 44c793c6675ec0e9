//! What the analysts and the orchestrator add to the checks' results: an analyst's rating of a
//! pillar, the effort a recommendation takes, the plan's trade-offs, what each brief held, and
//! how long each stage took.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Pillar;

/// An analyst's qualitative rating of a pillar. Shown beside the score, never used for it.
/// Ordered from worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Critical,
    Poor,
    Fair,
    Good,
    Excellent,
}

impl Rating {
    pub const ALL: [Rating; 5] = [
        Rating::Critical,
        Rating::Poor,
        Rating::Fair,
        Rating::Good,
        Rating::Excellent,
    ];

    /// The band a score falls in: 90+ excellent, 75+ good, 60+ fair, 40+ poor, below critical.
    pub fn from_score(score: u8) -> Rating {
        match score {
            90.. => Rating::Excellent,
            75..=89 => Rating::Good,
            60..=74 => Rating::Fair,
            40..=59 => Rating::Poor,
            _ => Rating::Critical,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Rating::Critical => "critical",
            Rating::Poor => "poor",
            Rating::Fair => "fair",
            Rating::Good => "good",
            Rating::Excellent => "excellent",
        }
    }

    pub fn parse(text: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.id() == text)
    }

    /// How many bands apart two ratings are.
    pub fn distance(self, other: Rating) -> u8 {
        (self as u8).abs_diff(other as u8)
    }

    /// True when an analyst's rating is two or more bands from the band of the score: the two
    /// disagree enough that a reader should look at both.
    pub fn disagrees_with_score(self, score: u8) -> bool {
        self.distance(Rating::from_score(score)) >= 2
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How much work acting on a recommendation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    Low,
    Medium,
    High,
}

impl Effort {
    pub const ALL: [Effort; 3] = [Effort::Low, Effort::Medium, Effort::High];

    pub fn id(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }

    pub fn parse(text: &str) -> Option<Effort> {
        Effort::ALL.into_iter().find(|e| e.id() == text)
    }
}

impl fmt::Display for Effort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Advice from two pillars that pulls the same resources two ways (cost says shrink,
/// reliability says add a standby). Shown to the reader as a choice; neither side is dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TradeOff {
    /// The resources both sides name.
    pub resources: Vec<ResourceRef>,
    /// The recommendation that reduces spend or capacity.
    pub reduce: TradeOffSide,
    /// The recommendation that adds capacity, redundancy or observability.
    pub strengthen: TradeOffSide,
}

/// A resource as a person finds it: region, id and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ResourceRef {
    pub region: String,
    pub resource_id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TradeOffSide {
    pub pillars: Vec<Pillar>,
    pub title: String,
    pub finding_ids: Vec<String>,
}

/// What one pillar brief held, and what its token budget left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BriefStats {
    /// The brief's size in tokens, estimated (four bytes of JSON per token).
    pub estimated_tokens: usize,
    pub budget_tokens: usize,
    pub findings_included: usize,
    /// The least severe findings left out to fit the budget; still in the report and scores.
    pub findings_trimmed: usize,
    pub resources_included: usize,
    pub resources_trimmed: usize,
    /// Groups of coverage gaps (one service, operation and error, in any regions) left out:
    /// gaps may take at most a quarter of the budget.
    #[serde(default)]
    pub gap_groups_trimmed: usize,
}

/// How long one stage of the scan took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageTiming {
    /// `inventory`, `checks`, `analysis`, `summary`, or `pillar:<pillar id>`.
    pub stage: String,
    pub millis: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_bands_and_disagreement() {
        assert_eq!(Rating::from_score(100), Rating::Excellent);
        assert_eq!(Rating::from_score(75), Rating::Good);
        assert_eq!(Rating::from_score(74), Rating::Fair);
        assert_eq!(Rating::from_score(0), Rating::Critical);
        assert!(!Rating::Good.disagrees_with_score(66));
        assert!(Rating::Excellent.disagrees_with_score(66));
        assert!(Rating::Critical.disagrees_with_score(66));
        assert_eq!(Rating::parse("fair"), Some(Rating::Fair));
        assert_eq!(Rating::parse("Perfect"), None);
    }
}
