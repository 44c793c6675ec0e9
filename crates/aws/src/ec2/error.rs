//! EC2's error answer, `<Response><Errors><Error><Code>…`, as an error with the SDK's error
//! metadata, so a refusal, a throttle and an unknown failure are told apart the way every
//! other service's are (and retried by the same classifiers).

use aws_smithy_types::error::metadata::{ErrorMetadata, ProvideErrorMetadata};

use super::answer::Element;

/// An error EC2 answered with: its code and message.
#[derive(Debug)]
pub struct Ec2Error {
    meta: ErrorMetadata,
}

impl Ec2Error {
    /// The error in an answer with HTTP status `status`. An answer with no readable error
    /// names its status instead.
    pub(super) fn from_answer(status: u16, body: &[u8]) -> Ec2Error {
        let parsed = std::str::from_utf8(body)
            .ok()
            .and_then(|xml| Element::parse(xml).ok());
        let error = parsed
            .as_ref()
            .and_then(|root| root.child("Errors"))
            .and_then(|errors| errors.child("Error"));
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
            None => meta = meta.message(format!("HTTP {status} with no EC2 error in the body")),
        }
        if let Some(id) = parsed.as_ref().and_then(|root| root.text("RequestID")) {
            meta = meta.custom("request_id", id);
        }
        Ec2Error { meta: meta.build() }
    }
}

impl std::fmt::Display for Ec2Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.meta.code(), self.meta.message()) {
            (Some(code), Some(message)) => write!(f, "{code}: {message}"),
            (Some(code), None) => f.write_str(code),
            (None, Some(message)) => f.write_str(message),
            (None, None) => f.write_str("unknown EC2 error"),
        }
    }
}

impl std::error::Error for Ec2Error {}

impl ProvideErrorMetadata for Ec2Error {
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
        let e = Ec2Error::from_answer(403, body);
        assert_eq!(e.code(), Some("UnauthorizedOperation"));
        assert_eq!(
            e.to_string(),
            "UnauthorizedOperation: You are not authorized to perform this operation."
        );
    }

    #[test]
    fn an_answer_without_an_error_names_its_status() {
        let e = Ec2Error::from_answer(502, b"<html>Bad Gateway</html>");
        assert_eq!(e.code(), None);
        assert_eq!(e.to_string(), "HTTP 502 with no EC2 error in the body");
    }
}
