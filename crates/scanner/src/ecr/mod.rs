//! ECR: repositories with scan on push, tag mutability, encryption, lifecycle policy and tags.

use aws_sdk_ecr::types::Repository;
use wellscan_model::{CoverageGap, EcrRepository, Fact};

use crate::error;
use crate::unit::{Collected, UnitCtx, client, drain, time};

/// What GetLifecyclePolicy answers for a repository without one.
const NO_POLICY: &str = "LifecyclePolicyNotFoundException";

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ecr"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ecr = client!(aws_sdk_ecr, ctx);
    let mut found = Vec::new();
    let mut out = drain(
        ecr.describe_repositories().into_paginator().send(),
        ctx,
        ("ecr", "DescribeRepositories"),
        |page| found.extend(page.repositories().iter().cloned()),
    )
    .await;
    ctx.describe_each(&mut out, found, |repo| {
        let ecr = ecr.clone();
        async move { repository(ctx, &ecr, repo).await }
    })
    .await;
    out
}

/// GetLifecyclePolicy and ListTagsForResource side by side.
async fn repository(
    ctx: &UnitCtx,
    ecr: &aws_sdk_ecr::Client,
    repo: Repository,
) -> (Option<EcrRepository>, Vec<CoverageGap>) {
    let (Some(name), Some(arn)) = (repo.repository_name(), repo.repository_arn()) else {
        return (None, Vec::new());
    };
    let mut out = EcrRepository {
        id: name.to_string(),
        arn: arn.to_string(),
        region: ctx.region.clone(),
        scan_on_push: repo
            .image_scanning_configuration()
            .is_some_and(|c| c.scan_on_push()),
        tags_immutable: repo
            .image_tag_mutability()
            .is_some_and(|m| m.as_str().starts_with("IMMUTABLE")),
        encryption: repo
            .encryption_configuration()
            .map(|e| e.encryption_type().as_str().to_string())
            .unwrap_or_else(|| "AES256".to_string()),
        created_at: repo.created_at().and_then(time),
        ..Default::default()
    };
    let (lifecycle, tags) = tokio::join!(
        ecr.get_lifecycle_policy().repository_name(name).send(),
        ecr.list_tags_for_resource().resource_arn(arn).send(),
    );
    let mut gaps = Vec::new();
    match lifecycle {
        Ok(_) => out.lifecycle_policy = true,
        Err(e) if error::code(&e) == Some(NO_POLICY) => {}
        Err(e) => {
            gaps.push(error::gap(&ctx.region, "ecr", "GetLifecyclePolicy", &e));
            out.unknown.mark(Fact::LifecyclePolicy);
        }
    }
    match tags {
        Ok(t) => {
            out.tags = crate::unit::tags(
                t.tags()
                    .iter()
                    .map(|x| (x.key().to_string(), x.value().to_string())),
            )
        }
        Err(e) => {
            gaps.push(error::gap(&ctx.region, "ecr", "ListTagsForResource", &e));
            out.unknown.mark(Fact::Tags);
        }
    }
    (Some(out), gaps)
}
