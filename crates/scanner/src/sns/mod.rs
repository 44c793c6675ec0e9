//! SNS: topics with their encryption, policy, subscriptions and tags.

use wellscan_model::{CoverageGap, Fact, SnsTopic};

use crate::unit::{Collected, UnitCtx, count, drain};
use crate::{error, policy};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "sns"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let sns = ctx.client::<aws_sdk_sns::Client>();
    let mut out = Collected::default();
    let mut arns = Vec::new();
    let read = drain(
        sns.list_topics().into_paginator().send(),
        ctx,
        ("sns", "ListTopics"),
        |page| {
            arns.extend(
                page.topics()
                    .iter()
                    .filter_map(|t| t.topic_arn().map(String::from)),
            )
        },
    )
    .await;
    out.merge(read);
    ctx.describe_each(&mut out, arns, |arn| {
        let sns = sns.clone();
        async move { topic(ctx, &sns, arn).await }
    })
    .await;
    out
}

/// GetTopicAttributes, the topic's subscriptions and its tags, side by side.
async fn topic(
    ctx: &UnitCtx,
    sns: &aws_sdk_sns::Client,
    arn: String,
) -> (Option<SnsTopic>, Vec<CoverageGap>) {
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
            gaps.push(error::gap(&ctx.region, "sns", "GetTopicAttributes", &e));
            t.unknown.mark_all(&[Fact::KmsKeyId, Fact::PolicyPublic]);
        }
    }
    match subscriptions {
        Ok(protocols) => {
            t.subscriptions = count(protocols.len());
            t.http_subscriptions = count(protocols.iter().filter(|p| *p == "http").count());
        }
        Err(gap) => {
            gaps.push(gap);
            t.unknown.mark(Fact::HttpSubscriptions);
        }
    }
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
            gaps.push(error::gap(&ctx.region, "sns", "ListTagsForResource", &e));
            t.unknown.mark(Fact::Tags);
        }
    }
    (Some(t), gaps)
}

/// The protocol of every subscription to the topic.
async fn subscriptions(
    ctx: &UnitCtx,
    sns: &aws_sdk_sns::Client,
    arn: &str,
) -> Result<Vec<String>, CoverageGap> {
    let mut out = Vec::new();
    let mut pages = sns
        .list_subscriptions_by_topic()
        .topic_arn(arn)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page =
            page.map_err(|e| error::gap(&ctx.region, "sns", "ListSubscriptionsByTopic", &e))?;
        out.extend(
            page.subscriptions()
                .iter()
                .filter_map(|s| s.protocol().map(str::to_ascii_lowercase)),
        );
    }
    Ok(out)
}
