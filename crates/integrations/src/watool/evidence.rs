//! What a scan's checks say about each Well-Architected Tool question they cite: the choices
//! the evidence supports (every check citing the choice judged every resource it looked at,
//! and none failed), the ones it contradicts (a check citing it failed), and notes that cite
//! the checks, the failing resources and the scan. A choice no check judged is not in either
//! list: unknown is never an answer.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use wellscan_checks::lens;
use wellscan_model::{CheckSummary, Finding};

/// The Tool's limit on an answer's notes, in characters.
pub const NOTES_MAX: usize = 2084;
/// Failing resources named per check before the rest are counted.
const NAMED: usize = 3;

/// What a sync is built from: one scan's checks and findings.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    pub scan_id: &'a str,
    pub account_id: &'a str,
    pub taken_at: DateTime<Utc>,
    pub checks: &'a [CheckSummary],
    pub findings: &'a [Finding],
}

/// What the evidence says of one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    /// The lens's pillar id (`security`).
    pub pillar: String,
    pub question_id: String,
    /// Choices the evidence supports, in the lens's order.
    pub selected: Vec<String>,
    /// Choices the evidence contradicts, in the lens's order.
    pub unselected: Vec<String>,
    /// wellscan's notes for the question, within [`NOTES_MAX`].
    pub notes: String,
}

/// One check's verdict on its choice.
enum Verdict<'a> {
    Supports(&'a CheckSummary),
    Contradicts(&'a CheckSummary),
}

/// A proposal for every question of the lens a check judged, in the lens's order.
pub fn propose(evidence: &Evidence) -> Vec<Proposal> {
    let mut by_choice: BTreeMap<(&str, &str), Vec<Verdict>> = BTreeMap::new();
    for check in evidence.checks {
        if check.wa_question.is_empty() || check.wa_choice.is_empty() {
            continue;
        }
        let verdict = if check.failed > 0 {
            Verdict::Contradicts(check)
        } else if check.evaluated > 0 && check.not_evaluated == 0 {
            Verdict::Supports(check)
        } else {
            continue;
        };
        by_choice
            .entry((check.wa_question.as_str(), check.wa_choice.as_str()))
            .or_default()
            .push(verdict);
    }
    let mut proposals = Vec::new();
    for question in lens::questions() {
        let mut selected = Vec::new();
        let mut unselected = Vec::new();
        let mut lines = Vec::new();
        for (choice, title) in &question.choices {
            let Some(verdicts) = by_choice.get(&(question.id.as_str(), choice.as_str())) else {
                continue;
            };
            let contradicted = verdicts
                .iter()
                .any(|v| matches!(v, Verdict::Contradicts(_)));
            if contradicted {
                unselected.push(choice.clone());
            } else {
                selected.push(choice.clone());
            }
            for verdict in verdicts {
                lines.push(match verdict {
                    Verdict::Contradicts(c) => failing(evidence, title, c),
                    Verdict::Supports(c) => format!(
                        "+ {title}: {} passed on {}.",
                        c.check_id,
                        resources(c.evaluated)
                    ),
                });
            }
        }
        if selected.is_empty() && unselected.is_empty() {
            continue;
        }
        proposals.push(Proposal {
            pillar: question.pillar.clone(),
            question_id: question.id.clone(),
            selected,
            unselected,
            notes: notes(evidence, &lines),
        });
    }
    proposals
}

/// A contradicting check's line: how many resources failed and the first few by name.
fn failing(evidence: &Evidence, title: &str, check: &CheckSummary) -> String {
    let names: Vec<String> = evidence
        .findings
        .iter()
        .filter(|f| f.check_id == check.check_id)
        .map(|f| format!("{} ({})", f.resource_name, f.region))
        .collect();
    let mut line = format!(
        "- {title}: {} failed on {} of {}",
        check.check_id,
        check.failed,
        resources(check.evaluated)
    );
    if !names.is_empty() {
        line.push_str(": ");
        line.push_str(
            &names
                .iter()
                .take(NAMED)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        );
        if names.len() > NAMED {
            line.push_str(&format!(" and {} more", names.len() - NAMED));
        }
    }
    line.push('.');
    line
}

fn resources(n: usize) -> String {
    wellscan_model::count(n, "resource", "resources")
}

/// The heading naming the scan, then `lines` while they fit in [`NOTES_MAX`].
fn notes(evidence: &Evidence, lines: &[String]) -> String {
    let mut notes = heading(evidence);
    let more = |n: usize| format!("\n… {n} more in the scan's report.");
    for (i, line) in lines.iter().enumerate() {
        let left = lines.len() - i - 1;
        let reserve = if left > 0 {
            more(left).chars().count()
        } else {
            0
        };
        let line = clean(line);
        if notes.chars().count() + 1 + line.chars().count() + reserve > NOTES_MAX {
            notes.push_str(&more(lines.len() - i));
            break;
        }
        notes.push('\n');
        notes.push_str(&line);
    }
    notes.chars().take(NOTES_MAX).collect()
}

/// The first line of wellscan's notes: which scan they come from. It marks where wellscan's
/// part of an answer's notes begins.
pub fn heading(evidence: &Evidence) -> String {
    format!(
        "{} {} (account {}, {}):",
        NOTES_MARK,
        evidence.scan_id,
        evidence.account_id,
        evidence.taken_at.format("%Y-%m-%d %H:%M UTC")
    )
}

/// What wellscan's notes start with.
pub const NOTES_MARK: &str = "Evidence from wellscan scan";

/// `text` on one line, without control characters: names are data.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
