//! SNS: topics with their encryption, policy, subscriptions and tags.

use wellscan_aws::query::{self, Element};
use wellscan_model::{Fact, SnsTopic};

use crate::policy;
use crate::query::NEXT_TOKEN;
use crate::unit::{Collected, Partial, UnitCtx, count};

/// SNS's client.
type Sns = query::Client<query::Sns>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "sns"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let sns = ctx.client::<Sns>();
    let mut out = Collected::default();
    let mut arns = Vec::new();
    let read = crate::query::pages(ctx, &sns, "ListTopics", &[], NEXT_TOKEN, |page| {
        arns.extend(
            page.items("Topics")
                .filter_map(|t| t.text("TopicArn").map(String::from)),
        )
    })
    .await;
    out.absorb(read);
    ctx.describe_each(&mut out, arns, |arn| {
        let sns = sns.clone();
        async move { topic(ctx, &sns, arn).await }
    })
    .await;
    out
}

/// GetTopicAttributes, the topic's subscriptions and its tags, side by side.
async fn topic(ctx: &UnitCtx, sns: &Sns, arn: String) -> Partial<Option<SnsTopic>> {
    let mut t = SnsTopic {
        id: arn.rsplit(':').next().unwrap_or(&arn).to_string(),
        arn: arn.clone(),
        region: ctx.region.clone(),
        ..Default::default()
    };
    let by_topic = [("TopicArn", arn.as_str())];
    let by_resource = [("ResourceArn", arn.as_str())];
    let (attributes, subscriptions, tags) = tokio::join!(
        sns.call("GetTopicAttributes", &by_topic),
        subscriptions(ctx, sns, &arn),
        sns.call("ListTagsForResource", &by_resource),
    );
    let mut gaps = Vec::new();
    match attributes {
        Ok(a) => {
            let get = |key: &str| attribute(&a, key);
            t.kms_key_id = get("KmsMasterKeyId")
                .filter(|k| !k.is_empty())
                .map(String::from);
            t.policy_public = get("Policy")
                .map(policy::parse)
                .is_some_and(|p| policy::allows_everyone(&p));
        }
        Err(e) => {
            gaps.push(ctx.gap("GetTopicAttributes", &e));
            t.unknown.mark_all(&[Fact::KmsKeyId, Fact::PolicyPublic]);
        }
    }
    let mut subscriptions = subscriptions;
    // The subscriptions' pages are the longest chain of this topic's calls.
    let depth = subscriptions.depth.max(1);
    match subscriptions.take_whole() {
        Some(protocols) => {
            t.subscriptions = count(protocols.len());
            t.http_subscriptions = count(protocols.iter().filter(|p| *p == "http").count());
        }
        None => t.unknown.mark(Fact::HttpSubscriptions),
    }
    gaps.extend(subscriptions.gaps);
    match tags {
        Ok(answer) => t.tags = crate::unit::tags(answer.pairs("Tags", "Key", "Value")),
        Err(e) => {
            gaps.push(ctx.gap("ListTagsForResource", &e));
            t.unknown.mark(Fact::Tags);
        }
    }
    Partial {
        found: Some(t),
        gaps,
        depth,
    }
}

/// The protocol of every subscription to the topic.
async fn subscriptions(ctx: &UnitCtx, sns: &Sns, arn: &str) -> Partial<Vec<String>> {
    let params = [("TopicArn", arn)];
    crate::query::list(
        ctx,
        sns,
        "ListSubscriptionsByTopic",
        &params,
        NEXT_TOKEN,
        |page| {
            page.items("Subscriptions")
                .filter_map(|s| s.text("Protocol").map(str::to_ascii_lowercase))
                .collect()
        },
    )
    .await
}

/// The value of the attribute `key` in a `GetTopicAttributes` answer's map.
fn attribute<'a>(answer: &'a Element, key: &str) -> Option<&'a str> {
    answer
        .pairs("Attributes", "key", "value")
        .find_map(|(k, v)| (k == key).then_some(v))
}
