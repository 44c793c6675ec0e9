//! A Query service's error answer (EC2's `<Response><Errors><Error><Code>…`, the others'
//! `<ErrorResponse><Error><Code>…`) as an error with the SDK's error metadata, so a refusal, a
//! throttle and an unknown failure are told apart the way every other service's are (and
//! retried by the same classifiers).

use aws_smithy_types::error::metadata::{ErrorMetadata, ProvideErrorMetadata};

use super::answer::Element;

/// An error a Query service answered with: its code and message.
#[derive(Debug)]
pub struct ApiError {
    meta: ErrorMetadata,
}

impl ApiError {
    /// The error in `service`'s answer with HTTP status `status`. An answer with no readable
    /// error names its status instead.
    pub(super) fn from_answer(service: &str, status: u16, body: &[u8]) -> ApiError {
        let parsed = std::str::from_utf8(body)
            .ok()
            .and_then(|xml| Element::parse(xml).ok());
        let error = parsed.as_ref().and_then(|root| {
            root.child("Error").or_else(|| {
                root.child("Errors")
                    .and_then(|errors| errors.child("Error"))
            })
        });
        let mut meta = ErrorMetadata::builder();
        match error {
            Some(e) => {
                if let Some(code) = e.text("Code") {
                    meta = meta.code(code);
                }
                if let Some(message) = e.text("Message") {
                    meta = meta.message(message);
                }
            }
            None => {
                meta = meta.message(format!("HTTP {status} with no {service} error in the body"))
            }
        }
        let request_id = parsed
            .as_ref()
            .and_then(|root| root.text("RequestID").or(root.text("RequestId")));
        if let Some(id) = request_id {
            meta = meta.custom("request_id", id);
        }
        ApiError { meta: meta.build() }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.meta.code(), self.meta.message()) {
            (Some(code), Some(message)) => write!(f, "{code}: {message}"),
            (Some(code), None) => f.write_str(code),
            (None, Some(message)) => f.write_str(message),
            (None, None) => f.write_str("unknown error"),
        }
    }
}

impl std::error::Error for ApiError {}

impl ProvideErrorMetadata for ApiError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_code_and_message_of_an_error_answer() {
        let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>req-1</RequestID></Response>"#;
        let e = ApiError::from_answer("EC2", 403, body);
        assert_eq!(e.code(), Some("UnauthorizedOperation"));
        assert_eq!(
            e.to_string(),
            "UnauthorizedOperation: You are not authorized to perform this operation."
        );
    }

    #[test]
    fn reads_the_error_of_the_other_query_services() {
        let body = br#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-2</RequestId></ErrorResponse>"#;
        let e = ApiError::from_answer("IAM", 400, body);
        assert_eq!(e.code(), Some("Throttling"));
        assert_eq!(e.to_string(), "Throttling: Rate exceeded");
    }

    #[test]
    fn an_answer_without_an_error_names_its_status() {
        let e = ApiError::from_answer("EC2", 502, b"<html>Bad Gateway</html>");
        assert_eq!(e.code(), None);
        assert_eq!(e.to_string(), "HTTP 502 with no EC2 error in the body");
    }
}
