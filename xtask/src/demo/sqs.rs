//! The demo account's SQS queues.

use super::*;

impl Gen {
    /// Queues: an encrypted pair with its dead-letter queue everywhere; in us-east-1 a backlog
    /// without encryption or a dead-letter queue, and one anyone may send to.
    pub(super) fn queues(&mut self, region: &str) {
        let queue = |name: &str, encrypted: bool, dlq: Option<&str>| SqsQueue {
            id: name.into(),
            arn: arn("sqs", region, name),
            region: region.into(),
            url: format!("https://sqs.{region}.amazonaws.com/{ACCOUNT}/{name}"),
            encrypted,
            dead_letter_queue: dlq.map(|d| arn("sqs", region, d)),
            retention_seconds: 345_600,
            ..Default::default()
        };
        let mut queues = vec![
            queue("orders-events", true, Some("orders-events-dlq")),
            SqsQueue {
                is_dead_letter_queue: true,
                ..queue("orders-events-dlq", true, None)
            },
        ];
        if region == "us-east-1" {
            queues.push(SqsQueue {
                messages_visible: 1_840,
                ..queue("billing-jobs", false, None)
            });
            queues.push(SqsQueue {
                policy_public: true,
                ..queue("partner-webhooks", true, Some("orders-events-dlq"))
            });
        }
        self.resources.extend(queues.into_iter().map(Into::into));
    }
}
