//! `scan --security-hub`: the scan's findings imported into AWS Security Hub in the scanned
//! account, and what it imported before and finds resolved now archived.

use wellscan_integrations::securityhub;
use wellscan_model::{Assessment, count};
use wellscan_orchestrator::aws::Session;

use crate::term::{say, warn_line};

/// Refusals listed one per line before the rest are counted.
const LISTED: usize = 10;

/// Imports `assessment` with `session` and says what happened (unless `quiet`); what Security
/// Hub refused or could not be asked, in one message, if anything.
pub async fn import(session: &Session, assessment: &Assessment, quiet: bool) -> Option<String> {
    let done = securityhub::import(session.clients(), assessment, session.region()).await;
    let regions: Vec<&str> = done.regions.iter().map(String::as_str).collect();
    let mut line = format!(
        "Security Hub: {} imported",
        count(done.imported, "finding", "findings")
    );
    if !regions.is_empty() {
        line.push_str(&format!(" ({})", regions.join(", ")));
    }
    line.push_str(&format!(
        ", {} archived",
        count(done.archived, "resolved finding", "resolved findings")
    ));
    if !quiet {
        say!("{line}");
    }
    if done.left_active > 0 {
        warn_line!(
            "wellscan: {} imported before and not found now left active: this scan could not judge {} again (a region not scanned, a service not read, or a check that could not judge every resource)",
            count(done.left_active, "finding", "findings"),
            if done.left_active == 1 { "it" } else { "them" }
        );
    }
    if done.failures.is_empty() {
        return None;
    }
    let mut lines: Vec<String> = done
        .failures
        .iter()
        .take(LISTED)
        .map(|f| format!("  {f}"))
        .collect();
    if done.failures.len() > LISTED {
        lines.push(format!("  and {} more", done.failures.len() - LISTED));
    }
    Some(format!(
        "Security Hub did not take everything ({}):\n{}",
        count(done.failures.len(), "refusal", "refusals"),
        lines.join("\n")
    ))
}
