//! `scan --notify`: after a scan, one message to each target ([`message::compose`]): an SNS
//! topic (`sns:TOPIC_ARN`, published with the caller's credentials in the topic's region) or a
//! Slack incoming webhook (`slack`, its URL from `WELLSCAN_SLACK_WEBHOOK_URL`, or
//! `slack:FILE`, the URL in that file). A webhook URL is a secret: it is never taken from the
//! command line, where shell history and process listings keep it, and never printed.

pub mod message;
mod slack;
mod sns;

use tracing::Instrument;
use wellscan_aws::Clients;

pub use message::{Message, compose};

/// The variable `--notify slack` reads the webhook URL from.
pub const SLACK_URL_VARIABLE: &str = "WELLSCAN_SLACK_WEBHOOK_URL";

/// Where a message goes.
#[derive(Clone, PartialEq, Eq)]
pub enum Target {
    Sns {
        topic_arn: String,
        region: String,
    },
    Slack {
        url: String,
        /// Where the URL came from, to name in messages instead of the URL.
        from: String,
    },
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self}")
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Sns { topic_arn, .. } => write!(f, "SNS topic {topic_arn}"),
            Target::Slack { from, .. } => write!(f, "the Slack webhook in {from}"),
        }
    }
}

/// A `--notify` value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error(
        "--notify `{0}`: give sns:TOPIC_ARN, slack (the URL in {SLACK_URL_VARIABLE}) or slack:FILE (the URL in that file)"
    )]
    Unknown(String),
    #[error("--notify sns:{0}: a topic ARN looks like arn:aws:sns:REGION:ACCOUNT:NAME")]
    BadTopic(String),
    #[error(
        "--notify slack: a webhook URL is a secret and is never taken from the command line: put it in {SLACK_URL_VARIABLE} and pass --notify slack, or in a file and pass --notify slack:FILE"
    )]
    UrlOnCommandLine,
    #[error("--notify slack: {SLACK_URL_VARIABLE} is not set or empty")]
    NoUrl,
    #[error("--notify slack:{path}: {reason}")]
    UnreadableFile { path: String, reason: String },
    #[error(
        "--notify slack: the webhook URL in {from} is not an https:// URL (http:// only to this machine)"
    )]
    Insecure { from: String },
}

impl Target {
    /// The target `spec` names; `variable` reads the environment.
    pub fn parse(
        spec: &str,
        variable: impl Fn(&str) -> Option<String>,
    ) -> Result<Target, TargetError> {
        let spec = spec.trim();
        if let Some(arn) = spec.strip_prefix("sns:") {
            let parts: Vec<&str> = arn.split(':').collect();
            return match parts.as_slice() {
                ["arn", partition, "sns", region, account, name]
                    if !partition.is_empty()
                        && !region.is_empty()
                        && account.len() == 12
                        && account.bytes().all(|b| b.is_ascii_digit())
                        && !name.is_empty() =>
                {
                    Ok(Target::Sns {
                        topic_arn: arn.to_string(),
                        region: region.to_string(),
                    })
                }
                _ => Err(TargetError::BadTopic(arn.to_string())),
            };
        }
        let (url, from) = match spec {
            "slack" => (
                variable(SLACK_URL_VARIABLE).ok_or(TargetError::NoUrl)?,
                SLACK_URL_VARIABLE.to_string(),
            ),
            _ => match spec.strip_prefix("slack:") {
                Some(value) if value.contains("://") => {
                    return Err(TargetError::UrlOnCommandLine);
                }
                Some(path) => {
                    let text =
                        std::fs::read_to_string(path).map_err(|e| TargetError::UnreadableFile {
                            path: path.to_string(),
                            reason: e.to_string(),
                        })?;
                    (text, path.to_string())
                }
                None => return Err(TargetError::Unknown(spec.to_string())),
            },
        };
        let url = url.trim().to_string();
        if url.is_empty() {
            return Err(match from.as_str() {
                SLACK_URL_VARIABLE => TargetError::NoUrl,
                _ => TargetError::UnreadableFile {
                    path: from,
                    reason: "the file is empty".into(),
                },
            });
        }
        if !slack::acceptable(&url) {
            return Err(TargetError::Insecure { from });
        }
        Ok(Target::Slack { url, from })
    }
}

/// Sends `message` to `target`, an SNS topic with `aws`'s clients; why it could not, in words
/// that never hold a webhook URL.
pub async fn send(target: &Target, message: &Message, aws: Option<&Clients>) -> Result<(), String> {
    let span = tracing::info_span!("notify", target = %target);
    async {
        match (target, aws) {
            (Target::Sns { topic_arn, region }, Some(clients)) => {
                sns::publish(clients, region, topic_arn, message).await
            }
            (Target::Sns { .. }, None) => Err("no AWS session to publish with".into()),
            (Target::Slack { url, .. }, _) => slack::post(url, message).await,
        }
    }
    .instrument(span)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn an_sns_target_is_a_topic_arn_and_its_region_is_read_from_it() {
        let target = Target::parse("sns:arn:aws:sns:eu-west-1:111122223333:alerts", no_env);
        assert_eq!(
            target,
            Ok(Target::Sns {
                topic_arn: "arn:aws:sns:eu-west-1:111122223333:alerts".into(),
                region: "eu-west-1".into(),
            })
        );
        for bad in [
            "sns:alerts",
            "sns:arn:aws:sqs:eu-west-1:111122223333:q",
            "sns:",
        ] {
            assert!(
                matches!(Target::parse(bad, no_env), Err(TargetError::BadTopic(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_slack_url_is_read_from_the_environment_or_a_file_never_the_command_line() {
        let env = |name: &str| {
            (name == SLACK_URL_VARIABLE).then(|| "https://hooks.slack.com/services/T/B/x\n".into())
        };
        let Ok(Target::Slack { url, from }) = Target::parse("slack", env) else {
            panic!("a Slack target");
        };
        assert_eq!(url, "https://hooks.slack.com/services/T/B/x");
        assert_eq!(from, SLACK_URL_VARIABLE);
        assert_eq!(Target::parse("slack", no_env), Err(TargetError::NoUrl));
        let refused = Target::parse("slack:https://hooks.slack.com/services/T/B/x", no_env);
        assert_eq!(refused, Err(TargetError::UrlOnCommandLine));
        assert!(
            !TargetError::UrlOnCommandLine
                .to_string()
                .contains("hooks.slack.com")
        );

        let dir = std::env::temp_dir().join(format!("wellscan-notify-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("webhook");
        std::fs::write(&file, "http://example.com/hook").expect("write");
        let spec = format!("slack:{}", file.display());
        assert!(matches!(
            Target::parse(&spec, no_env),
            Err(TargetError::Insecure { .. })
        ));
        std::fs::write(&file, "https://hooks.slack.com/services/T/B/y").expect("write");
        let target = Target::parse(&spec, no_env).expect("from the file");
        assert!(!target.to_string().contains("hooks.slack.com"), "{target}");
        assert!(!format!("{target:?}").contains("hooks.slack.com"));
        let missing = format!("slack:{}", dir.join("missing").display());
        assert!(matches!(
            Target::parse(&missing, no_env),
            Err(TargetError::UnreadableFile { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(matches!(
            Target::parse("pagerduty:x", no_env),
            Err(TargetError::Unknown(_))
        ));
    }
}
