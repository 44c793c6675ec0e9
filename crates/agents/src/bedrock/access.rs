//! The check made once before a scan: can this caller use this model, here? One Converse call
//! that asks for a single token. Bedrock answers a model the account has no access to, an id
//! that does not exist or needs an inference profile, and a caller it does not accept with a
//! typed error; those stop the scan. Anything else (unreachable, throttled, failing) leaves the
//! question open, and the scan goes on with the offline analyst as each part's fallback.

use aws_sdk_bedrockruntime::config::http::HttpResponse;
use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_bedrockruntime::operation::converse::ConverseError;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, InferenceConfiguration, Message,
};
use tracing::Instrument;
use wellscan_model::Usage;

use super::Bedrock;
use crate::AccessError;

/// Error codes Bedrock gives a caller it does not accept, outside the operation's own errors.
const CALLER_REFUSED: &[&str] = &[
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "ExpiredTokenException",
    "IncompleteSignature",
    "MissingAuthenticationTokenException",
];

impl Bedrock {
    pub(super) async fn probe(&self, usage: &mut Usage) -> Result<(), AccessError> {
        let message = Message::builder()
            .role(ConversationRole::User)
            .content(ContentBlock::Text("Reply with OK.".into()))
            .build()
            .map_err(|e| AccessError::Refused(e.to_string()))?;
        let sent = self
            .client
            .converse()
            .model_id(&self.model_id)
            .messages(message)
            .inference_config(InferenceConfiguration::builder().max_tokens(1).build())
            .send()
            .instrument(
                tracing::info_span!("converse", model = %self.model_id, tool = "check access"),
            )
            .await;
        usage.model_calls += 1;
        match sent {
            Ok(out) => {
                self.count_tokens(out.usage(), usage);
                Ok(())
            }
            // Any answer at all, even one that does not parse, means the model took the call.
            Err(SdkError::ResponseError(_)) => Ok(()),
            Err(e) if e.raw_response().is_some_and(|r| r.status().is_success()) => Ok(()),
            Err(e) => Err(self.classify(e)),
        }
    }

    fn classify(&self, error: SdkError<ConverseError, HttpResponse>) -> AccessError {
        let here = format!(
            "model `{}` in {}",
            self.model_id,
            self.client
                .config()
                .region()
                .map_or("the configured region", |r| r.as_ref())
        );
        let Some(service) = error.as_service_error() else {
            return match error {
                SdkError::ConstructionFailure(_) => AccessError::Refused(format!(
                    "Bedrock cannot be called for {here}: {}",
                    wellscan_model::error_chain(&error)
                )),
                _ => AccessError::Unchecked(format!(
                    "Bedrock could not be reached to check {here}: {}",
                    wellscan_model::error_chain(&error)
                )),
            };
        };
        let said = service
            .message()
            .unwrap_or("no message")
            .trim_end_matches('.')
            .to_string();
        match service {
            ConverseError::AccessDeniedException(_) => AccessError::Refused(format!(
                "Bedrock refuses {here}: {said}. Grant the account access to the model (Bedrock \
                 console, Model access) and allow the caller bedrock:InvokeModel on it"
            )),
            ConverseError::ResourceNotFoundException(_) | ConverseError::ValidationException(_) => {
                AccessError::Refused(format!("Bedrock cannot use {here}: {said}"))
            }
            other if other.code().is_some_and(|c| CALLER_REFUSED.contains(&c)) => {
                AccessError::Refused(format!(
                    "Bedrock does not accept the caller for {here}: {said}"
                ))
            }
            _ => AccessError::Unchecked(format!("Bedrock could not check {here}: {said}")),
        }
    }
}
