//! ECR: repositories with scan on push (their own setting, and the registry's scanning rules
//! that cover them), tag mutability, encryption, lifecycle policy and tags.

use aws_sdk_ecr::types::{RegistryScanningConfiguration, Repository};
use wellscan_model::{EcrRepository, Fact};

use crate::error;
use crate::unit::{Collected, Partial, UnitCtx, time};

/// What GetLifecyclePolicy answers for a repository without one.
const NO_POLICY: &str = "LifecyclePolicyNotFoundException";

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ecr"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ecr = ctx.client::<aws_sdk_ecr::Client>();
    let mut found = Vec::new();
    let (listed, registry) = tokio::join!(
        ctx.pages(
            "DescribeRepositories",
            ecr.describe_repositories().into_paginator().send(),
            |page| found.extend(page.repositories().iter().cloned()),
        ),
        ecr.get_registry_scanning_configuration().send(),
    );
    let mut out = listed.map(|()| Vec::new());
    let registry = match registry {
        Ok(r) => Some(
            r.scanning_configuration()
                .cloned()
                .unwrap_or_else(|| RegistryScanningConfiguration::builder().build()),
        ),
        Err(e) => {
            if !found.is_empty() {
                out.gaps
                    .push(ctx.gap("GetRegistryScanningConfiguration", &e));
            }
            None
        }
    };
    ctx.describe_each(&mut out, found, |repo| {
        let ecr = ecr.clone();
        let registry = registry.clone();
        async move {
            let mut described = repository(ctx, &ecr, repo).await;
            if let Some(r) = described.found.as_mut() {
                match &registry {
                    Some(config) => r.registry_scan = registry_scan(config, &r.id),
                    None => r.unknown.mark(Fact::RegistryScan),
                }
            }
            described
        }
    })
    .await;
    out
}

/// The scan type and frequency of the first registry rule whose filters match `repository`
/// (filters are names with `*` for any run of characters); `None` when no rule covers it or
/// the rule scans only by hand.
fn registry_scan(config: &RegistryScanningConfiguration, repository: &str) -> Option<String> {
    let scan_type = config.scan_type().map(|t| t.as_str().to_string())?;
    config
        .rules()
        .iter()
        .filter(|rule| {
            rule.repository_filters()
                .iter()
                .any(|f| wellscan_model::wildcard::matches(f.filter(), repository))
        })
        .map(|rule| rule.scan_frequency().as_str())
        .find(|frequency| *frequency != "MANUAL")
        .map(|frequency| format!("{scan_type} {frequency}"))
}

/// GetLifecyclePolicy and ListTagsForResource side by side.
async fn repository(
    ctx: &UnitCtx,
    ecr: &aws_sdk_ecr::Client,
    repo: Repository,
) -> Partial<Option<EcrRepository>> {
    let (Some(name), Some(arn)) = (repo.repository_name(), repo.repository_arn()) else {
        return Partial::called(None, Vec::new());
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
            gaps.push(ctx.gap("GetLifecyclePolicy", &e));
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
            gaps.push(ctx.gap("ListTagsForResource", &e));
            out.unknown.mark(Fact::Tags);
        }
    }
    Partial::called(Some(out), gaps)
}
