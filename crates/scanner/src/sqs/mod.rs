//! SQS: queues with their encryption, dead-letter queues, policy and tags.

use serde_json::json;
use wellscan_aws::json as api;
use wellscan_model::{Fact, SqsQueue};

use crate::json::{NEXT_TOKEN, items, map, str};
use crate::policy;
use crate::unit::{Collected, Partial, UnitCtx};

/// SQS's client.
type Sqs = api::Client<api::Sqs>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "sqs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let sqs = ctx.client::<Sqs>();
    let mut out = Collected::default();
    let mut urls = Vec::new();
    // Without MaxResults SQS answers the first 1,000 queues and no NextToken.
    let every_queue = json!({ "MaxResults": 1000 });
    let read = crate::json::pages(ctx, &sqs, "ListQueues", &every_queue, NEXT_TOKEN, |page| {
        urls.extend(items(&page, "QueueUrls").filter_map(|u| u.as_str().map(String::from)))
    })
    .await;
    out.absorb(read);
    if urls.is_empty() {
        return out;
    }
    let described = ctx
        .fan_out(urls, |url| {
            let sqs = sqs.clone();
            async move { queue(ctx, &sqs, url).await }
        })
        .await;
    out.depth += 1;
    let mut queues = Vec::new();
    for q in described {
        queues.push(q.found);
        out.gaps.extend(q.gaps);
    }
    let targets: Vec<String> = queues
        .iter()
        .filter_map(|q| q.dead_letter_queue.clone())
        .collect();
    for q in &mut queues {
        q.is_dead_letter_queue = targets.contains(&q.arn);
    }
    out.found.extend(queues.into_iter().map(Into::into));
    out
}

/// GetQueueAttributes and ListQueueTags side by side.
async fn queue(ctx: &UnitCtx, sqs: &Sqs, url: String) -> Partial<SqsQueue> {
    let name = url.rsplit('/').next().unwrap_or(&url).to_string();
    let mut q = SqsQueue {
        arn: ctx.arn("sqs", &name),
        id: name,
        region: ctx.region.clone(),
        url: url.clone(),
        ..Default::default()
    };
    let every_attribute = json!({ "QueueUrl": url, "AttributeNames": ["All"] });
    let by_url = json!({ "QueueUrl": url });
    let (attributes, tags) = tokio::join!(
        sqs.call("GetQueueAttributes", &every_attribute),
        sqs.call("ListQueueTags", &by_url),
    );
    let mut gaps = Vec::new();
    match attributes {
        Ok(a) => {
            let get = |key: &str| a.get("Attributes").and_then(|m| str(m, key));
            if let Some(arn) = get("QueueArn") {
                q.arn = arn.to_string();
            }
            q.kms_key_id = get("KmsMasterKeyId").map(String::from);
            q.encrypted = q.kms_key_id.is_some() || get("SqsManagedSseEnabled") == Some("true");
            q.dead_letter_queue = get("RedrivePolicy")
                .map(policy::parse)
                .and_then(|p| p.get("deadLetterTargetArn")?.as_str().map(String::from));
            q.policy_public = get("Policy")
                .map(policy::parse)
                .is_some_and(|p| policy::allows_everyone(&p));
            q.retention_seconds = get("MessageRetentionPeriod")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            q.messages_visible = get("ApproximateNumberOfMessages")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        }
        Err(e) => {
            gaps.push(ctx.gap("GetQueueAttributes", &e));
            q.unknown
                .mark_all(&[Fact::Encrypted, Fact::DeadLetterQueue, Fact::PolicyPublic]);
        }
    }
    match tags {
        Ok(t) => q.tags = crate::unit::tags(map(&t, "Tags")),
        Err(e) => {
            gaps.push(ctx.gap("ListQueueTags", &e));
            q.unknown.mark(Fact::Tags);
        }
    }
    Partial::called(q, gaps)
}
