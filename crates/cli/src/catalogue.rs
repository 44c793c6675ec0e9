//! `wellscan checks`: the catalogue as a user browses it.

use std::collections::BTreeSet;

use serde::Serialize;
use wellscan_model::Pillar;

use crate::args::ChecksArgs;
use crate::term::say;
use crate::{Exit, Failure};

use wellscan_checks::CheckEntry as Listed;

#[derive(Debug, Serialize)]
struct Catalogue<'a> {
    checks: Vec<Listed<'a>>,
}

pub fn list(args: ChecksArgs) -> Result<Exit, Failure> {
    let checks: Vec<Listed<'_>> = wellscan_checks::catalogue()
        .iter()
        .map(|c| &c.meta)
        .filter(|m| args.pillar.is_none_or(|p| m.pillar == p.pillar()))
        .filter(|m| args.service.as_deref().is_none_or(|s| m.service() == s))
        .map(Listed::new)
        .collect();
    if args.json {
        let text = serde_json::to_string_pretty(&Catalogue { checks })
            .map_err(|e| Failure::Run(e.into()))?;
        say!("{text}");
        return Ok(Exit::Done);
    }
    if checks.is_empty() {
        say!("No check matches.");
        return Ok(Exit::Done);
    }
    for pillar in Pillar::ALL {
        let of_pillar: Vec<_> = checks.iter().filter(|c| c.pillar == pillar).collect();
        if of_pillar.is_empty() {
            continue;
        }
        say!("{} ({} checks)", pillar.title(), of_pillar.len());
        for c in &of_pillar {
            say!("  {:<40} {:<8} {}", c.id, c.severity, c.title);
            say!(
                "  {:<40} {:<8} {} {} · WA {} / {}",
                "",
                "",
                c.best_practice,
                c.best_practice_title,
                c.wa_question,
                c.wa_choice
            );
            say!("  {:<40} {:<8} needs {}", "", "", c.iam_actions.join(", "));
        }
        let (covered, asked) = questions(&of_pillar);
        say!(
            "  Evidence for {} of {} Well-Architected questions: {}",
            covered.len(),
            asked,
            covered.join(", ")
        );
        say!("");
    }
    let (covered, asked) = questions(&checks.iter().collect::<Vec<_>>());
    say!(
        "{} checks, with evidence for {} of {} questions. `wellscan checks --json` lists them with their documentation links.",
        checks.len(),
        covered.len(),
        asked
    );
    Ok(Exit::Done)
}

/// The lens questions these checks give evidence for, in the lens's order, and how many
/// questions the lens asks in the pillars they belong to.
fn questions(checks: &[&Listed<'_>]) -> (Vec<&'static str>, usize) {
    let cited: BTreeSet<&str> = checks.iter().map(|c| c.wa_question).collect();
    let pillars: BTreeSet<&str> = checks
        .iter()
        .filter_map(|c| wellscan_checks::lens::practice(c.best_practice))
        .map(|p| p.pillar.as_str())
        .collect();
    let mut covered = Vec::new();
    let mut asked = BTreeSet::new();
    for p in wellscan_checks::lens::practices() {
        if !pillars.contains(p.pillar.as_str()) {
            continue;
        }
        if asked.insert(p.question.as_str()) && cited.contains(p.question.as_str()) {
            covered.push(p.question.as_str());
        }
    }
    (covered, asked.len())
}
