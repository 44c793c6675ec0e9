//! Where a scan goes besides its reports, one folder per integration: `securityhub/` imports
//! its findings into AWS Security Hub (`scan --security-hub`), `notify/` sends one message
//! about it to an SNS topic or a Slack webhook (`scan --notify`), `watool/` answers a
//! workload's review in the Well-Architected Tool from its evidence (`wa-tool sync`).
//!
//! Each integration reads a finished [`wellscan_model::Assessment`] and calls AWS through the
//! clients of `wellscan-aws`; none of them fails a scan: what it could not do is returned for
//! the caller to report.

pub mod notify;
pub mod securityhub;
pub mod watool;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// Why a call failed, for a person: the service's code and message, or the error's chain.
pub(crate) fn reason<E>(error: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match error {
        SdkError::ServiceError(service) => {
            let e = service.err();
            let code = e.code().unwrap_or("UnknownError");
            match e.message() {
                Some(message) if !message.is_empty() => format!("{code}: {message}"),
                _ => format!("{code} (HTTP {})", service.raw().status().as_u16()),
            }
        }
        other => wellscan_model::error_chain(other),
    }
}
