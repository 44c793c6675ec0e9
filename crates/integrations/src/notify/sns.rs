//! A message published to an SNS topic, through wellscan's Query client in the topic's region.

use wellscan_aws::Clients;
use wellscan_aws::query::{Client, Sns};

use super::Message;
use crate::reason;

/// SNS takes a message of at most 256 KB.
const MESSAGE_MAX_BYTES: usize = 256 * 1024;

pub async fn publish(
    clients: &Clients,
    region: &str,
    topic_arn: &str,
    message: &Message,
) -> Result<(), String> {
    let mut text = message.text.as_str();
    if text.len() > MESSAGE_MAX_BYTES {
        let mut end = MESSAGE_MAX_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text = &text[..end];
    }
    clients
        .client_in::<Client<Sns>>(region)
        .call(
            "Publish",
            &[
                ("TopicArn", topic_arn),
                ("Subject", &message.subject),
                ("Message", text),
            ],
        )
        .await
        .map(|_| ())
        .map_err(|e| reason(&e))
}
