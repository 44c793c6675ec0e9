//! A service's error answer as an error with the SDK's error metadata, so a refusal, a throttle
//! and an unknown failure are told apart the way every other service's are (and retried by the
//! same classifiers): a Query service's XML (EC2's `<Response><Errors><Error><Code>…`, the
//! others' `<ErrorResponse><Error><Code>…`) or a JSON service's `{"__type": …, "message": …}`.

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_types::error::metadata::{ErrorMetadata, ProvideErrorMetadata};

use crate::query::Element;

/// An error a service answered with: its code and message.
#[derive(Debug)]
pub struct ApiError {
    meta: ErrorMetadata,
}

impl ApiError {
    /// The error in `service`'s answer with HTTP status `status`. An answer with no readable
    /// error names its status instead.
    pub(crate) fn from_xml(service: &str, status: u16, body: &[u8]) -> ApiError {
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

    /// The error in a JSON service's answer: the code from the body's `__type` (or `code`),
    /// else from the `x-amzn-errortype` header, without its namespace (`com.amazonaws.ssm#`)
    /// or its trailing URI (`:http://…`); the message from `message` or `Message`.
    pub(crate) fn from_json(service: &str, response: &HttpResponse) -> ApiError {
        let status = response.status().as_u16();
        let body: Option<serde_json::Value> = response
            .body()
            .bytes()
            .and_then(|b| serde_json::from_slice(b).ok());
        let field = |name: &str| {
            body.as_ref()
                .and_then(|b| b.get(name))
                .and_then(|v| v.as_str())
        };
        let code = field("__type")
            .or_else(|| field("code"))
            .or_else(|| response.headers().get("x-amzn-errortype"))
            .map(|c| {
                let c = c.rsplit('#').next().unwrap_or(c);
                c.split(':').next().unwrap_or(c)
            })
            .filter(|c| !c.is_empty());
        let mut meta = ErrorMetadata::builder();
        if let Some(code) = code {
            meta = meta.code(code);
        }
        match field("message").or_else(|| field("Message")) {
            Some(message) => meta = meta.message(message),
            None if code.is_none() => {
                meta = meta.message(format!("HTTP {status} with no {service} error in the body"))
            }
            None => {}
        }
        if let Some(id) = response.headers().get("x-amzn-requestid") {
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
        let e = ApiError::from_xml("EC2", 403, body);
        assert_eq!(e.code(), Some("UnauthorizedOperation"));
        assert_eq!(
            e.to_string(),
            "UnauthorizedOperation: You are not authorized to perform this operation."
        );
    }

    #[test]
    fn reads_the_error_of_the_other_query_services() {
        let body = br#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-2</RequestId></ErrorResponse>"#;
        let e = ApiError::from_xml("IAM", 400, body);
        assert_eq!(e.code(), Some("Throttling"));
        assert_eq!(e.to_string(), "Throttling: Rate exceeded");
    }

    fn json(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        let mut response = HttpResponse::new(
            status.try_into().expect("a status"),
            aws_smithy_types::body::SdkBody::from(body.to_string()),
        );
        for (name, value) in headers {
            response
                .headers_mut()
                .insert(name.to_string(), value.to_string());
        }
        response
    }

    #[test]
    fn reads_a_json_service_error_without_its_namespace() {
        let body = r#"{"__type":"com.amazonaws.ssm#AccessDeniedException","message":"User is not authorized: ssm:DescribeInstanceInformation"}"#;
        let e = ApiError::from_json("SSM", &json(400, &[("x-amzn-requestid", "r-1")], body));
        assert_eq!(e.code(), Some("AccessDeniedException"));
        assert_eq!(
            e.message(),
            Some("User is not authorized: ssm:DescribeInstanceInformation")
        );
        let header = [(
            "x-amzn-errortype",
            "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.service/",
        )];
        let e = ApiError::from_json("KMS", &json(400, &header, r#"{"Message":"Rate exceeded"}"#));
        assert_eq!(e.to_string(), "ThrottlingException: Rate exceeded");
        let e = ApiError::from_json("KMS", &json(503, &[], ""));
        assert_eq!(e.to_string(), "HTTP 503 with no KMS error in the body");
    }

    #[test]
    fn an_answer_without_an_error_names_its_status() {
        let e = ApiError::from_xml("EC2", 502, b"<html>Bad Gateway</html>");
        assert_eq!(e.code(), None);
        assert_eq!(e.to_string(), "HTTP 502 with no EC2 error in the body");
    }
}
