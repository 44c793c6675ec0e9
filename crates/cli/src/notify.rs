//! `scan --notify`: the targets checked before the scan, one message to each after it. A
//! message that cannot be sent is a warning: the scan and its reports stand.

use wellscan_integrations::notify::{self, Target};
use wellscan_orchestrator::ScanOutcome;

use crate::Failure;
use crate::term::warn_line;

/// The targets `--notify` names, each checked now (a topic ARN's shape, a webhook URL read
/// from its variable or file).
pub fn targets(specs: &[String]) -> Result<Vec<Target>, Failure> {
    specs
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|spec| Target::parse(spec, |name| std::env::var(name).ok()))
        .collect::<Result<_, _>>()
        .map_err(|e| Failure::usage(e.to_string()))
}

/// Sends the message about `outcome` to every target; SNS with the caller's credentials.
pub async fn send(targets: &[Target], caller: &crate::aws::Caller, outcome: &ScanOutcome) {
    if targets.is_empty() {
        return;
    }
    let message = notify::compose(&outcome.assessment, report_link(outcome).as_deref());
    for target in targets {
        let sent = match target {
            Target::Sns { .. } => match caller.session().await {
                Ok(session) => notify::send(target, &message, Some(session.clients())).await,
                Err(e) => Err(e.message()),
            },
            // A webhook needs no AWS session: a demo scan notifies without credentials.
            Target::Slack { .. } => notify::send(target, &message, None).await,
        };
        if let Err(reason) = sent {
            warn_line!("wellscan: warning: the message to {target} was not sent: {reason}");
        }
    }
}

/// Where a reader opens the report: the uploaded HTML (else PDF, else any uploaded file) when
/// the scan was uploaded, else the local copy.
fn report_link(outcome: &ScanOutcome) -> Option<String> {
    let pick = |files: &[wellscan_report::Published]| {
        ["report.html", "report.pdf", "assessment.json"]
            .iter()
            .find_map(|name| files.iter().find(|p| p.file_name == *name))
            .or_else(|| files.first())
            .map(|p| p.location.clone())
    };
    pick(&outcome.uploaded).or_else(|| pick(&outcome.published))
}
