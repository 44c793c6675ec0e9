use std::fmt;

use serde::{Deserialize, Serialize};

/// The six pillars of the AWS Well-Architected Framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pillar {
    OperationalExcellence,
    Security,
    Reliability,
    PerformanceEfficiency,
    CostOptimization,
    Sustainability,
}

impl Pillar {
    /// All pillars in the framework's order.
    pub const ALL: [Pillar; 6] = [
        Pillar::OperationalExcellence,
        Pillar::Security,
        Pillar::Reliability,
        Pillar::PerformanceEfficiency,
        Pillar::CostOptimization,
        Pillar::Sustainability,
    ];

    /// The identifier used in JSON (`security`, `cost_optimization`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Pillar::OperationalExcellence => "operational_excellence",
            Pillar::Security => "security",
            Pillar::Reliability => "reliability",
            Pillar::PerformanceEfficiency => "performance_efficiency",
            Pillar::CostOptimization => "cost_optimization",
            Pillar::Sustainability => "sustainability",
        }
    }

    /// The name a person reads.
    pub fn title(self) -> &'static str {
        match self {
            Pillar::OperationalExcellence => "Operational Excellence",
            Pillar::Security => "Security",
            Pillar::Reliability => "Reliability",
            Pillar::PerformanceEfficiency => "Performance Efficiency",
            Pillar::CostOptimization => "Cost Optimization",
            Pillar::Sustainability => "Sustainability",
        }
    }
}

/// The page of a best practice in the Well-Architected Framework's documentation, from its
/// choice id in the Well-Architected Tool (the two are the same name); `None` for no choice.
pub fn best_practice_url(wa_choice: &str) -> Option<String> {
    let valid = !wa_choice.is_empty()
        && wa_choice
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    valid.then(|| {
        format!("https://docs.aws.amazon.com/wellarchitected/latest/framework/{wa_choice}.html")
    })
}

impl fmt::Display for Pillar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// How bad a finding is. Ordered from least to most severe, so `max()` is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Informational,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Informational,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Severity::Informational => "informational",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parses the JSON identifier (`critical`, `high`, ...), case-insensitively.
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|sev| sev.id().eq_ignore_ascii_case(s.trim()))
    }

    /// The Well-Architected Tool's risk class for a finding of this severity:
    /// critical and high are high-risk issues (HRI), medium is a medium-risk issue (MRI).
    pub fn risk(self) -> Risk {
        match self {
            Severity::Critical | Severity::High => Risk::High,
            Severity::Medium => Risk::Medium,
            Severity::Low | Severity::Informational => Risk::None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The Well-Architected Tool's risk classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    None,
    Medium,
    High,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_orders_from_informational_to_critical() {
        assert!(Severity::Critical > Severity::High);
        assert!(Severity::Low > Severity::Informational);
        assert_eq!(Severity::parse(" HIGH "), Some(Severity::High));
        assert_eq!(Severity::parse("urgent"), None);
    }

    #[test]
    fn pillar_ids_match_their_json_names() {
        for pillar in Pillar::ALL {
            let json = serde_json::to_string(&pillar).unwrap();
            assert_eq!(json, format!("\"{}\"", pillar.id()));
        }
    }
}
