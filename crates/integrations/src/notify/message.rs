//! The one message a scan sends: the scores and their change since the last scan, the new
//! critical and high findings (at most [`LISTED`], then how many more), and where the report is.
//!
//! Names come from the account: they are data. Each channel escapes what its format would read
//! as markup ([`super::slack`]); control characters are removed here for all of them.

use wellscan_model::{Assessment, Severity};

/// New critical and high findings listed by name before the rest are counted.
pub const LISTED: usize = 10;
/// SNS takes a subject of at most 100 characters.
const SUBJECT_MAX: usize = 100;

/// A notification: a one-line subject and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
}

/// One new critical or high finding as a line of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    severity: Severity,
    title: String,
    resource: String,
    region: String,
}

/// The message for `assessment`; `report` is where a reader opens the report (a download
/// link, or a path on the machine that scanned).
pub fn compose(assessment: &Assessment, report: Option<&str>) -> Message {
    let scan = &assessment.scan;
    let diff = assessment.since_last.as_ref().and_then(|s| s.diff.as_ref());
    let mut text = String::new();
    text.push_str(&format!(
        "wellscan: account {} · scan {}\n",
        scan.account_id, scan.id
    ));
    let overall = match diff {
        Some(d) => format!(
            "Overall {}/100 ({} since the last scan)",
            assessment.overall_score,
            signed(d.overall_delta)
        ),
        None => format!("Overall {}/100", assessment.overall_score),
    };
    text.push_str(&overall);
    text.push('\n');
    let pillars: Vec<String> = assessment
        .pillars
        .iter()
        .map(|p| {
            let delta = diff
                .and_then(|d| d.pillars.iter().find(|x| x.pillar == p.pillar))
                .map(|x| format!(" ({})", signed(x.delta)))
                .unwrap_or_default();
            format!("{} {}{delta}", p.pillar.title(), p.score)
        })
        .collect();
    text.push_str(&pillars.join(" · "));
    text.push('\n');

    let (heading, lines) = match diff {
        Some(d) => (
            "New critical and high findings since the last scan",
            d.new
                .iter()
                .filter(|f| f.severity >= Severity::High)
                .map(|f| Line {
                    severity: f.severity,
                    title: f.title.clone(),
                    resource: f.resource_name.clone(),
                    region: f.region.clone(),
                })
                .collect::<Vec<_>>(),
        ),
        None => (
            match assessment.since_last {
                Some(_) => "Critical and high findings (the account's first recorded scan)",
                None => "Critical and high findings (not compared: the scan is not in a history)",
            },
            assessment
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::High)
                .map(|f| Line {
                    severity: f.severity,
                    title: f.title.clone(),
                    resource: f.resource_name.clone(),
                    region: f.region.clone(),
                })
                .collect(),
        ),
    };
    let mut lines = lines;
    lines.sort_by_key(|l| std::cmp::Reverse(l.severity));
    text.push('\n');
    if lines.is_empty() {
        text.push_str(&format!("{heading}: none\n"));
    } else {
        text.push_str(&format!("{heading}: {}\n", lines.len()));
        for l in lines.iter().take(LISTED) {
            text.push_str(&format!(
                "- [{}] {} ({}, {})\n",
                l.severity.id().to_uppercase(),
                l.title,
                l.resource,
                l.region
            ));
        }
        if lines.len() > LISTED {
            text.push_str(&format!("- and {} more\n", lines.len() - LISTED));
        }
    }
    if let Some(report) = report {
        text.push_str(&format!("\nReport: {report}\n"));
    }
    let subject = format!(
        "wellscan: {} scored {}/100, {} new critical or high",
        scan.account_id,
        assessment.overall_score,
        lines.len()
    );
    Message {
        subject: clean(&subject).chars().take(SUBJECT_MAX).collect(),
        text: clean(&text),
    }
}

/// `+3`, `-2`, `±0`.
fn signed(delta: i16) -> String {
    match delta {
        0 => "±0".into(),
        d if d > 0 => format!("+{d}"),
        d => d.to_string(),
    }
}

/// `text` without control characters other than line breaks.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_are_signed() {
        assert_eq!(signed(3), "+3");
        assert_eq!(signed(-2), "-2");
        assert_eq!(signed(0), "±0");
    }

    #[test]
    fn control_characters_are_removed_and_lines_kept() {
        assert_eq!(clean("a\u{7}b\u{1b}[31m\nc"), "ab[31m\nc");
    }
}
