//! SDK errors become coverage gaps: what could not be read, where, and why, with the
//! service's own error code and message.

use std::error::Error;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use wellscan_model::CoverageGap;

/// Error codes that mean "you may not", whatever the service calls it.
const DENIED: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
    "AuthorizationError",
    "AuthFailure",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "OptInRequired",
];

/// Error codes of throttling that survived the retries.
const THROTTLED: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestLimitExceeded",
    "TooManyRequestsException",
    "SlowDown",
    "RequestThrottled",
    "RequestThrottledException",
    "ProvisionedThroughputExceededException",
];

/// Why a call failed, in the words a coverage gap uses.
pub fn describe<E>(err: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + Error + Send + Sync + 'static,
{
    match err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            let code = e.code().unwrap_or("UnknownError");
            let message = e.message().unwrap_or("");
            // A 403 is a refusal even when the body names no code the SDK knows.
            let forbidden = service.raw().status().as_u16() == 403;
            let kind = if DENIED.contains(&code) || forbidden {
                "access denied"
            } else if THROTTLED.contains(&code) {
                "throttled, retries exhausted"
            } else {
                "service error"
            };
            if message.is_empty() {
                format!("{kind}: {code}")
            } else {
                format!("{kind}: {code}: {message}")
            }
        }
        SdkError::TimeoutError(_) => "timed out".to_string(),
        SdkError::DispatchFailure(failure) => {
            let Some(connector) = failure.as_connector_error() else {
                return "request not sent".to_string();
            };
            let mut detail = connector.to_string();
            let mut source = connector.source();
            while let Some(s) = source {
                detail = format!("{detail}: {s}");
                source = s.source();
            }
            if connector.is_io() {
                format!("unreachable: {detail}")
            } else if connector.is_timeout() {
                format!("timed out connecting: {detail}")
            } else {
                format!("request not sent: {detail}")
            }
        }
        // A refusal whose body the SDK cannot read (an error document in another protocol's
        // format) is still a refusal.
        SdkError::ResponseError(e) if e.raw().status().as_u16() == 403 => {
            "access denied: HTTP 403 with an unreadable body".to_string()
        }
        SdkError::ResponseError(_) => "unreadable response".to_string(),
        SdkError::ConstructionFailure(_) => {
            format!(
                "request not built: {}",
                aws_smithy_types::error::display::DisplayErrorContext(err)
            )
        }
        _ => aws_smithy_types::error::display::DisplayErrorContext(err).to_string(),
    }
}

/// The error code a service returned, if the call reached it.
pub fn code<E, R>(err: &SdkError<E, R>) -> Option<&str>
where
    E: ProvideErrorMetadata,
{
    err.as_service_error().and_then(|e| e.code())
}

/// A coverage gap for a failed call.
/// The error message a service answered with, when it answered.
pub fn message<E, R>(err: &SdkError<E, R>) -> Option<&str>
where
    E: ProvideErrorMetadata,
{
    err.as_service_error().and_then(|e| e.message())
}

pub fn gap<E>(
    region: &str,
    service: &str,
    operation: &str,
    err: &SdkError<E, HttpResponse>,
) -> CoverageGap
where
    E: ProvideErrorMetadata + Error + Send + Sync + 'static,
{
    let error = describe(err);
    tracing::warn!(region, service, operation, %error, "coverage gap");
    CoverageGap {
        region: region.to_string(),
        service: service.to_string(),
        operation: operation.to_string(),
        error,
    }
}
