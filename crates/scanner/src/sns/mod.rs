//! SNS: topics with their encryption, policy, subscriptions and tags.

use wellscan_model::{Fact, SnsTopic};

use crate::policy;
use crate::unit::{Collected, Partial, UnitCtx, count};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "sns"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let sns = ctx.client::<aws_sdk_sns::Client>();
    let mut out = Collected::default();
    let mut arns = Vec::new();
    let read = ctx
        .pages(
            "ListTopics",
            sns.list_topics().into_paginator().send(),
            |page| {
                arns.extend(
                    page.topics()
                        .iter()
                        .filter_map(|t| t.topic_arn().map(String::from)),
                )
            },
        )
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
async fn topic(ctx: &UnitCtx, sns: &aws_sdk_sns::Client, arn: String) -> Partial<Option<SnsTopic>> {
    let mut t = SnsTopic {
        id: arn.rsplit(':').next().unwrap_or(&arn).to_string(),
        arn: arn.clone(),
        region: ctx.region.clone(),
        ..Default::default()
    };
    let (attributes, subscriptions, tags) = tokio::join!(
        sns.get_topic_attributes().topic_arn(&arn).send(),
        subscriptions(ctx, sns, &arn),
        sns.list_tags_for_resource().resource_arn(&arn).send(),
    );
    let mut gaps = Vec::new();
    match attributes {
        Ok(a) => {
            let get = |key: &str| a.attributes().and_then(|m| m.get(key)).map(String::as_str);
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
        Ok(answer) => {
            t.tags = crate::unit::tags(
                answer
                    .tags()
                    .iter()
                    .map(|x| (x.key().to_string(), x.value().to_string())),
            )
        }
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
async fn subscriptions(
    ctx: &UnitCtx,
    sns: &aws_sdk_sns::Client,
    arn: &str,
) -> Partial<Vec<String>> {
    let pages = sns
        .list_subscriptions_by_topic()
        .topic_arn(arn)
        .into_paginator()
        .send();
    ctx.list("ListSubscriptionsByTopic", pages, |page| {
        page.subscriptions()
            .iter()
            .filter_map(|s| s.protocol().map(str::to_ascii_lowercase))
            .collect()
    })
    .await
}
