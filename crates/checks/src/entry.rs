//! One check as a person or an assistant browses the catalogue: `wellscan checks --json` and
//! the MCP `check` tool.

use serde::Serialize;
use wellscan_model::Pillar;

use crate::{CheckMeta, FixEffect};

#[derive(Debug, Serialize)]
pub struct CheckEntry<'a> {
    pub id: &'a str,
    pub pillar: Pillar,
    pub service: &'a str,
    pub severity: &'a str,
    pub title: &'a str,
    pub best_practice: &'a str,
    /// The best practice's title in the framework.
    pub best_practice_title: &'a str,
    pub wa_question: &'a str,
    pub wa_choice: &'a str,
    /// The best practice's page in the framework's documentation.
    pub url: String,
    /// The IAM actions the check's facts come from.
    pub iam_actions: &'a [&'a str],
    pub action: &'a str,
}

impl<'a> CheckEntry<'a> {
    pub fn new(m: &'a CheckMeta) -> CheckEntry<'a> {
        let practice = m.practice();
        CheckEntry {
            id: m.id,
            pillar: m.pillar,
            service: m.service(),
            severity: m.severity.id(),
            title: m.title,
            best_practice: m.best_practice,
            best_practice_title: practice.map_or("", |p| p.title.as_str()),
            wa_question: m.wa_question(),
            wa_choice: m.wa_choice(),
            url: practice.map(|p| p.url()).unwrap_or_default(),
            iam_actions: m.reads,
            action: m.action,
        }
    }
}

/// Everything the catalogue says of one check: its entry, why it fires and how it is fixed.
#[derive(Debug, Serialize)]
pub struct CheckDetail<'a> {
    #[serde(flatten)]
    pub entry: CheckEntry<'a>,
    /// The Well-Architected Tool question's title.
    pub wa_question_title: &'a str,
    pub related_pillars: &'a [Pillar],
    /// The facts of the judged resource the check decides on; with any unread, the resource
    /// is not evaluated (neither a pass nor a finding).
    pub facts: Vec<&'static str>,
    /// The remediation as written before a resource's id and region fill it.
    pub remediation: &'a str,
    /// What the fix does to the resource: `reduces`, `strengthens` or `neutral`.
    pub fix: &'static str,
}

impl<'a> CheckDetail<'a> {
    pub fn new(m: &'a CheckMeta) -> CheckDetail<'a> {
        CheckDetail {
            entry: CheckEntry::new(m),
            wa_question_title: crate::lens::questions()
                .iter()
                .find(|q| q.id == m.wa_question())
                .map_or("", |q| q.title.as_str()),
            related_pillars: m.related,
            facts: m.facts.iter().map(|f| f.name()).collect(),
            remediation: m.remediation,
            fix: match m.fix {
                FixEffect::Reduces => "reduces",
                FixEffect::Strengthens => "strengthens",
                FixEffect::Neutral => "neutral",
            },
        }
    }
}
