//! `wellscan wa-tool sync`: a scan's evidence written into the AWS Well-Architected Tool as
//! the answers of a workload's `wellarchitected` lens review, then a milestone named after the
//! scan.
//!
//! Questions and choices are matched by id, never by position ([`evidence`]). Before anything
//! is written, the workload's lens review is read whole (`ListAnswers`, every page) and held
//! to the lens wellscan's catalogue follows: a question or choice id wellscan does not know is
//! drift, and the sync stops there. A choice the evidence does not speak to keeps what a person
//! chose, unless `overwrite`; wellscan's notes replace only its own part of an answer's notes.
//! An answer that would not change is not written, and a milestone of the same scan is not
//! made twice: a second sync of the same scan writes nothing. Each API error is kept with the
//! question it concerned.

pub mod evidence;
mod tool;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use wellscan_aws::Clients;
use wellscan_checks::lens;

pub use evidence::{Evidence, NOTES_MAX, Proposal, propose};

use tool::Tool;

/// The lens wellscan answers.
pub const LENS_ALIAS: &str = "wellarchitected";

/// What a sync is asked to do.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// The workload's name: found, or created.
    pub workload: String,
    /// The region the workload is in; also the region a new workload names.
    pub region: String,
    /// Read, but write nothing.
    pub dry_run: bool,
    /// Make each answer exactly what the evidence supports (choices without evidence cleared)
    /// and replace its notes whole.
    pub overwrite: bool,
}

/// What a sync changed, or would change.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub workload_id: Option<String>,
    /// Whether the workload was created (or, in a dry run, would be).
    pub created: bool,
    /// The lens version the workload's review follows.
    pub lens_version: Option<String>,
    pub changes: Vec<Change>,
    /// Questions with evidence whose answer already says what the evidence says.
    pub unchanged: usize,
    /// The milestone: `created`, `exists` or `skipped` (with why).
    pub milestone: String,
    pub errors: Vec<QuestionError>,
}

/// One answer changed (or that would be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub pillar: String,
    pub question_id: String,
    /// Choices now selected that were not.
    pub selected: Vec<String>,
    /// Choices no longer selected.
    pub unselected: Vec<String>,
    pub notes_changed: bool,
}

/// An API error, with the question it concerned (none for the workload and milestone calls).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionError {
    pub question_id: Option<String>,
    pub message: String,
}

impl std::fmt::Display for QuestionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.question_id {
            Some(q) => write!(f, "question {q}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Why a sync stopped before writing anything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("the Well-Architected Tool refused {operation}: {reason}")]
    Api {
        operation: &'static str,
        reason: String,
    },
    #[error(
        "the workload's {LENS_ALIAS} lens (version {version}) has ids wellscan's catalogue (lens {}) does not know: {ids}; nothing was written. Upgrade wellscan, or sync a workload on lens {}",
        lens::LENS_VERSION,
        lens::LENS_VERSION
    )]
    Drift { version: String, ids: String },
}

/// Syncs `proposals` (what the evidence says) into the workload `options` names; `milestone`
/// names the milestone made after the answers.
pub async fn sync(
    clients: &Clients,
    proposals: &[Proposal],
    milestone: &str,
    options: &SyncOptions,
) -> Result<SyncReport, SyncError> {
    let tool = Tool::new(clients, &options.region);
    let mut report = SyncReport::default();
    let Some(id) = tool.find_workload(&options.workload).await? else {
        report.created = true;
        if options.dry_run {
            report.changes = proposals
                .iter()
                .map(|p| change(p, &BTreeSet::new(), true))
                .collect();
            report.milestone = format!("would be created: {milestone}");
            return Ok(report);
        }
        let id = tool.create_workload(&options.workload, milestone).await?;
        return write(&tool, id, proposals, milestone, options, report).await;
    };
    write(&tool, id, proposals, milestone, options, report).await
}

/// Reads the workload's review, holds it to the catalogue's lens, then writes what changes.
async fn write(
    tool: &Tool<'_>,
    id: String,
    proposals: &[Proposal],
    milestone: &str,
    options: &SyncOptions,
    mut report: SyncReport,
) -> Result<SyncReport, SyncError> {
    let version = tool.lens_version(&id).await?;
    let review = tool.answers(&id).await?;
    drift(&version, &review)?;
    report.workload_id = Some(id.clone());
    report.lens_version = Some(version);
    for proposal in proposals {
        let Some(current) = review.get(&proposal.question_id).map(|r| &r.selected) else {
            continue;
        };
        let selected = new_selection(proposal, current, options.overwrite);
        let old_notes = match tool.notes(&id, &proposal.question_id).await {
            Ok(notes) => notes,
            Err(message) => {
                report.errors.push(QuestionError {
                    question_id: Some(proposal.question_id.clone()),
                    message,
                });
                continue;
            }
        };
        let notes = merge_notes(&old_notes, &proposal.notes, options.overwrite);
        let same_choices = selected.iter().collect::<BTreeSet<_>>() == current.iter().collect();
        if same_choices && notes == old_notes {
            report.unchanged += 1;
            continue;
        }
        let mut change = change(proposal, current, false);
        change.selected = selected
            .iter()
            .filter(|c| !current.contains(*c))
            .cloned()
            .collect();
        change.unselected = current
            .iter()
            .filter(|c| !selected.contains(*c))
            .cloned()
            .collect();
        change.notes_changed = notes != old_notes;
        if !options.dry_run
            && let Err(message) = tool
                .update_answer(&id, &proposal.question_id, &selected, &notes)
                .await
        {
            report.errors.push(QuestionError {
                question_id: Some(proposal.question_id.clone()),
                message,
            });
            continue;
        }
        report.changes.push(change);
    }
    report.milestone = if options.dry_run {
        "not made in a dry run".into()
    } else if !report.errors.is_empty() {
        "skipped: some answers were not written".into()
    } else {
        match tool.milestone(&id, milestone).await {
            Ok(true) => format!("created: {milestone}"),
            Ok(false) => format!("exists: {milestone}"),
            Err(message) => {
                report.errors.push(QuestionError {
                    question_id: None,
                    message: format!("the milestone {milestone}: {message}"),
                });
                "not made".into()
            }
        }
    };
    Ok(report)
}

/// A question's selection after the sync: the evidence's choices added and the contradicted
/// ones removed; the rest as a person left them, unless `overwrite`. "None of these" goes when
/// wellscan selects a choice.
fn new_selection(proposal: &Proposal, current: &BTreeSet<String>, overwrite: bool) -> Vec<String> {
    let keep: Vec<&String> = if overwrite {
        Vec::new()
    } else {
        current
            .iter()
            .filter(|c| !proposal.unselected.contains(*c))
            .filter(|c| proposal.selected.is_empty() || !c.ends_with("_no"))
            .collect()
    };
    let wanted: BTreeSet<&String> = keep.into_iter().chain(&proposal.selected).collect();
    // In the lens's order, as a person reads them.
    lens::questions()
        .iter()
        .find(|q| q.id == proposal.question_id)
        .map(|q| {
            q.choices
                .iter()
                .map(|(id, _)| id)
                .filter(|id| wanted.contains(id))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// An answer's notes with wellscan's part replaced by `ours`: a person's notes before it stay,
/// unless `overwrite`; within [`NOTES_MAX`], cutting wellscan's part first.
fn merge_notes(old: &str, ours: &str, overwrite: bool) -> String {
    let theirs = match old.find(evidence::NOTES_MARK) {
        Some(at) => old[..at].trim_end(),
        None => old.trim_end(),
    };
    if overwrite || theirs.is_empty() {
        return ours.chars().take(NOTES_MAX).collect();
    }
    let room = NOTES_MAX.saturating_sub(theirs.chars().count() + 2);
    if room < 40 {
        // No room for a useful part of ours: the person's notes stay whole.
        return theirs.to_string();
    }
    format!(
        "{theirs}\n\n{}",
        ours.chars().take(room).collect::<String>()
    )
}

/// A proposal as a change from `current`; `fresh` for a workload not made yet.
fn change(proposal: &Proposal, current: &BTreeSet<String>, fresh: bool) -> Change {
    Change {
        pillar: proposal.pillar.clone(),
        question_id: proposal.question_id.clone(),
        selected: proposal
            .selected
            .iter()
            .filter(|c| !current.contains(*c))
            .cloned()
            .collect(),
        unselected: proposal
            .unselected
            .iter()
            .filter(|c| fresh || current.contains(*c))
            .cloned()
            .collect(),
        notes_changed: true,
    }
}

/// Refuses a review whose questions or choices the catalogue's lens does not have.
fn drift(version: &str, review: &BTreeMap<String, tool::Reviewed>) -> Result<(), SyncError> {
    let known: BTreeMap<&str, BTreeSet<&str>> = lens::questions()
        .iter()
        .map(|q| {
            (
                q.id.as_str(),
                q.choices.iter().map(|(c, _)| c.as_str()).collect(),
            )
        })
        .collect();
    let mut unknown = Vec::new();
    for (question, reviewed) in review {
        let choices = &reviewed.choices;
        match known.get(question.as_str()) {
            None => unknown.push(format!("question {question}")),
            Some(known) => unknown.extend(
                choices
                    .iter()
                    .filter(|c| !known.contains(c.as_str()))
                    .map(|c| format!("choice {c} of {question}")),
            ),
        }
    }
    if unknown.is_empty() {
        return Ok(());
    }
    let shown = unknown.len().min(5);
    let mut ids = unknown[..shown].join(", ");
    if unknown.len() > shown {
        ids.push_str(&format!(" and {} more", unknown.len() - shown));
    }
    Err(SyncError::Drift {
        version: version.to_string(),
        ids,
    })
}
