//! The Bedrock analyst: each agent is one Converse call with a tool whose schema is the answer,
//! forced with `toolChoice`. The answer is validated and grounded in this scan's ids; an
//! invalid answer is asked again once with the validation error, then the call fails and the
//! orchestrator falls back to the offline analyst for that part.

mod access;
mod answer;
mod document;
mod prompt;

pub use prompt::{PROMPT_VERSION, fenced};

use async_trait::async_trait;
use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConversationRole, InferenceConfiguration, Message, SpecificToolChoice,
    SystemContentBlock, Tool, ToolChoice, ToolConfiguration, ToolInputSchema, ToolSpecification,
};
use tracing::Instrument;
use wellscan_model::{AnalysisSource, ExecutiveSummary, ModelInfo, Usage};

use crate::{AccessError, Analyst, AnalystError, PillarAnalysis, PillarBrief, SummaryBrief};

/// Tokens an answer may take.
const MAX_ANSWER_TOKENS: i32 = 4096;

/// Analysis by a model on Amazon Bedrock.
#[derive(Debug, Clone)]
pub struct Bedrock {
    client: aws_sdk_bedrockruntime::Client,
    model_id: String,
}

impl Bedrock {
    /// `model_id` is a model id, an inference profile id or an ARN.
    pub fn new(client: aws_sdk_bedrockruntime::Client, model_id: impl Into<String>) -> Bedrock {
        Bedrock {
            client,
            model_id: model_id.into(),
        }
    }

    pub fn model_id(&self) -> &str {
        &self.model_id
    }

    /// Asks once, and once more with the validation error if the answer is unusable.
    async fn ask<T>(
        &self,
        system: &str,
        message: String,
        tool: &str,
        schema: serde_json::Value,
        parse: impl Fn(&serde_json::Value) -> Result<T, String>,
        usage: &mut Usage,
    ) -> Result<T, AnalystError> {
        let mut problem = String::new();
        for attempt in 0..2 {
            let text = if attempt == 0 {
                message.clone()
            } else {
                format!(
                    "{message}\n\nYour previous answer was rejected: {problem}. Call the `{tool}` tool \
                     again with input that follows its schema."
                )
            };
            match self.converse(system, text, tool, &schema, usage).await? {
                Ok(input) => match parse(&input) {
                    Ok(answer) => return Ok(answer),
                    Err(e) => problem = e,
                },
                Err(e) => problem = e,
            }
            tracing::warn!(attempt, %problem, "unusable answer from the model");
        }
        Err(AnalystError::InvalidAnswer(problem))
    }

    /// One call. `Ok(Err(..))` is an answer that is not a tool input; `Err` a failed call.
    async fn converse(
        &self,
        system: &str,
        text: String,
        tool: &str,
        schema: &serde_json::Value,
        usage: &mut Usage,
    ) -> Result<Result<serde_json::Value, String>, AnalystError> {
        let message = Message::builder()
            .role(ConversationRole::User)
            .content(ContentBlock::Text(text))
            .build()
            .map_err(|e| AnalystError::Service(e.to_string()))?;
        let spec = ToolSpecification::builder()
            .name(tool)
            .description("Give the whole answer as this tool's input.")
            .input_schema(ToolInputSchema::Json(document::from_json(schema)))
            .build()
            .map_err(|e| AnalystError::Service(e.to_string()))?;
        let choice = SpecificToolChoice::builder()
            .name(tool)
            .build()
            .map_err(|e| AnalystError::Service(e.to_string()))?;
        let tools = ToolConfiguration::builder()
            .tools(Tool::ToolSpec(spec))
            .tool_choice(ToolChoice::Tool(choice))
            .build()
            .map_err(|e| AnalystError::Service(e.to_string()))?;
        let sent = self
            .client
            .converse()
            .model_id(&self.model_id)
            .system(SystemContentBlock::Text(system.to_string()))
            .messages(message)
            .tool_config(tools)
            .inference_config(
                InferenceConfiguration::builder()
                    .max_tokens(MAX_ANSWER_TOKENS)
                    .temperature(0.0)
                    .build(),
            )
            .send()
            .instrument(tracing::info_span!("converse", model = %self.model_id, tool))
            .await;
        usage.model_calls += 1;
        let out = match sent {
            Ok(out) => out,
            // An answer that cannot be read (truncated, not JSON) is the model's fault: ask again.
            Err(SdkError::ResponseError(_)) => {
                return Ok(Err("the answer could not be read".into()));
            }
            // A successful status whose body does not parse (truncated, not JSON).
            Err(e) if e.raw_response().is_some_and(|r| r.status().is_success()) => {
                return Ok(Err("the answer could not be read as JSON".into()));
            }
            Err(e) => {
                let detail = match e.as_service_error() {
                    Some(s) => wellscan_model::service_said(s.code(), s.message(), s),
                    // Dispatch failures and timeouts: the whole chain says what went wrong
                    // (connection refused, no credentials, DNS).
                    None => wellscan_model::error_chain(&e),
                };
                return Err(AnalystError::Service(detail));
            }
        };
        self.count_tokens(out.usage(), usage);
        let Some(message) = out.output().and_then(|o| o.as_message().ok()) else {
            return Ok(Err("the answer held no message".into()));
        };
        let input = message.content().iter().find_map(|block| match block {
            ContentBlock::ToolUse(t) if t.name() == tool => Some(document::to_json(t.input())),
            _ => None,
        });
        Ok(input.ok_or_else(|| format!("the model answered without calling the `{tool}` tool")))
    }
}

impl Bedrock {
    /// Adds what one answered call cost to `usage`.
    fn count_tokens(
        &self,
        said: Option<&aws_sdk_bedrockruntime::types::TokenUsage>,
        usage: &mut Usage,
    ) {
        if let Some(u) = said {
            let input = u64::try_from(u.input_tokens()).unwrap_or(0);
            let output = u64::try_from(u.output_tokens()).unwrap_or(0);
            usage.input_tokens += input;
            usage.output_tokens += output;
            usage.estimated_cost_usd += cost(&self.model_id, input, output);
        }
    }
}

#[async_trait]
impl Analyst for Bedrock {
    fn source(&self) -> AnalysisSource {
        AnalysisSource::Bedrock
    }

    fn model(&self) -> Option<ModelInfo> {
        Some(ModelInfo {
            model_id: self.model_id.clone(),
            prompt_version: PROMPT_VERSION.to_string(),
        })
    }

    async fn check_access(&self, usage: &mut Usage) -> Result<(), AccessError> {
        self.probe(usage).await
    }

    async fn analyse_pillar(
        &self,
        brief: &PillarBrief,
        usage: &mut Usage,
    ) -> Result<PillarAnalysis, AnalystError> {
        let message = prompt::fenced(
            &format!(
                "Assess the {} pillar of AWS account {} from this brief.",
                brief.pillar.title(),
                brief.account_id
            ),
            &brief.data(),
        );
        let grounded = self
            .ask(
                prompt::pillar_system(brief.pillar),
                message,
                answer::PILLAR_TOOL,
                answer::pillar_schema(),
                |input| answer::pillar(input, brief),
                usage,
            )
            .await?;
        Ok(PillarAnalysis {
            rating: Some(grounded.rating),
            summary: grounded.summary,
            risks: grounded.risks,
            recommendations: grounded.recommendations,
            ungrounded_dropped: grounded.ungrounded_dropped,
        })
    }

    async fn summarise(
        &self,
        brief: &SummaryBrief,
        usage: &mut Usage,
    ) -> Result<ExecutiveSummary, AnalystError> {
        let message = prompt::fenced(
            &format!(
                "Write the executive summary for AWS account {}.",
                brief.account_id
            ),
            &prompt::summary_data(brief),
        );
        let answer = self
            .ask(
                prompt::SUMMARY_SYSTEM,
                message,
                answer::SUMMARY_TOOL,
                answer::summary_schema(),
                answer::summary,
                usage,
            )
            .await?;
        Ok(ExecutiveSummary {
            headline: answer.headline,
            key_risks: answer.key_risks.into_iter().take(5).collect(),
            top_actions: answer.top_actions.into_iter().take(5).collect(),
            // Money comes from the checks, never from the model.
            monthly_savings_usd: brief.monthly_savings_usd,
            source: Some(AnalysisSource::Bedrock),
            model: self.model(),
            degraded: None,
        })
    }
}

/// USD per million input and output tokens, by a fragment of the model id (on-demand list
/// prices, 2026-10); unknown models are priced as Claude Sonnet.
const MODEL_PRICES: &[(&str, f64, f64)] = &[
    ("claude-opus-4", 15.0, 75.0),
    ("claude-sonnet-4", 3.0, 15.0),
    ("claude-3-7-sonnet", 3.0, 15.0),
    ("claude-3-5-sonnet", 3.0, 15.0),
    ("claude-3-5-haiku", 0.8, 4.0),
    ("claude-3-haiku", 0.25, 1.25),
    ("nova-pro", 0.8, 3.2),
    ("nova-lite", 0.06, 0.24),
    ("nova-micro", 0.035, 0.14),
];

fn cost(model_id: &str, input: u64, output: u64) -> f64 {
    let (_, i, o) = MODEL_PRICES
        .iter()
        .find(|(fragment, _, _)| model_id.contains(fragment))
        .copied()
        .unwrap_or(("", 3.0, 15.0));
    (input as f64 * i + output as f64 * o) / 1e6
}
