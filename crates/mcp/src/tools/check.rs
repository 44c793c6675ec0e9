//! `check`: one check of the catalogue: what it reads, why it fires, its Well-Architected Tool
//! question and choice, the IAM actions behind it and how it is fixed.

use schemars::JsonSchema;
use serde::Deserialize;
use wellscan_checks::{CheckDetail, CheckMeta};

use super::{Answer, json, read_only};
use crate::ToolError;

pub const NAME: &str = "check";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Args {
    /// The check id, as a finding's `check_id` names it: `ec2.sg_open_admin_ports`.
    pub id: String,
}

pub fn tool() -> rmcp::model::Tool {
    read_only::<Args>(
        NAME,
        "A check of the catalogue",
        "What one wellscan check looks at and why it fires: its pillar and severity, the \
         Well-Architected best practice with its Well-Architected Tool question and choice and \
         documentation page, the facts and IAM actions it reads, the remediation and what the \
         fix does to the resource.",
    )
}

/// The check with this id; an unknown id is refused with the ids that come close.
pub fn meta(id: &str) -> Result<&'static CheckMeta, ToolError> {
    let catalogue = wellscan_checks::catalogue();
    if let Some(check) = catalogue.iter().find(|c| c.meta.id == id) {
        return Ok(&check.meta);
    }
    let wanted = id.to_lowercase();
    let words: Vec<&str> = wanted
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() > 2)
        .collect();
    // The ids sharing the most of its words first.
    let mut near: Vec<(usize, &str)> = catalogue
        .iter()
        .map(|c| {
            let shared = words.iter().filter(|w| c.meta.id.contains(*w)).count();
            (shared, c.meta.id)
        })
        .filter(|(shared, _)| *shared > 0)
        .collect();
    near.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let near: Vec<&str> = near.into_iter().take(10).map(|(_, id)| id).collect();
    Err(ToolError::Input(if near.is_empty() {
        format!(
            "no check `{id}` among wellscan's {} checks: a finding's check_id names one",
            catalogue.len()
        )
    } else {
        format!("no check `{id}`; checks close to it: {}", near.join(", "))
    }))
}

pub fn call(args: Args) -> Result<Answer, ToolError> {
    let meta = meta(&args.id)?;
    Ok(Answer {
        intro: format!("wellscan's check {}.", meta.id),
        value: json(&CheckDetail::new(meta))?,
    })
}
