//! ECR: repositories with scan on push (their own setting, and the registry's scanning rules
//! that cover them), tag mutability, encryption, lifecycle policy and tags.

use serde_json::{Value, json};
use wellscan_aws::json as api;
use wellscan_model::{EcrRepository, Fact};

use crate::error;
use crate::json::{NEXT_TOKEN_LOWER, flag, items, pairs, str, time};
use crate::unit::{Collected, Partial, UnitCtx};

/// ECR's client.
type Ecr = api::Client<api::Ecr>;

/// What GetLifecyclePolicy answers for a repository without one.
const NO_POLICY: &str = "LifecyclePolicyNotFoundException";

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ecr"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ecr = ctx.client::<Ecr>();
    let mut found = Vec::new();
    let (listed, registry) = tokio::join!(
        crate::json::pages(
            ctx,
            &ecr,
            "DescribeRepositories",
            &Value::Null,
            NEXT_TOKEN_LOWER,
            |page| found.extend(items(&page, "repositories").cloned()),
        ),
        ecr.call("GetRegistryScanningConfiguration", &Value::Null),
    );
    let mut out = listed.map(|()| Vec::new());
    let registry = match registry {
        Ok(mut r) => Some(
            r.get_mut("scanningConfiguration")
                .map(Value::take)
                .unwrap_or(Value::Null),
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
fn registry_scan(config: &Value, repository: &str) -> Option<String> {
    let scan_type = str(config, "scanType")?;
    items(config, "rules")
        .filter(|rule| {
            items(rule, "repositoryFilters").any(|f| {
                str(f, "filter").is_some_and(|f| wellscan_model::wildcard::matches(f, repository))
            })
        })
        .filter_map(|rule| str(rule, "scanFrequency"))
        .find(|frequency| *frequency != "MANUAL")
        .map(|frequency| format!("{scan_type} {frequency}"))
}

/// GetLifecyclePolicy and ListTagsForResource side by side.
async fn repository(ctx: &UnitCtx, ecr: &Ecr, repo: Value) -> Partial<Option<EcrRepository>> {
    let (Some(name), Some(arn)) = (str(&repo, "repositoryName"), str(&repo, "repositoryArn"))
    else {
        return Partial::called(None, Vec::new());
    };
    let mut out = EcrRepository {
        id: name.to_string(),
        arn: arn.to_string(),
        region: ctx.region.clone(),
        scan_on_push: repo
            .get("imageScanningConfiguration")
            .is_some_and(|c| flag(c, "scanOnPush")),
        tags_immutable: str(&repo, "imageTagMutability")
            .is_some_and(|m| m.starts_with("IMMUTABLE")),
        encryption: repo
            .get("encryptionConfiguration")
            .and_then(|e| str(e, "encryptionType"))
            .unwrap_or("AES256")
            .to_string(),
        created_at: time(&repo, "createdAt"),
        ..Default::default()
    };
    let (by_name, by_arn) = (
        json!({ "repositoryName": name }),
        json!({ "resourceArn": arn }),
    );
    let (lifecycle, tags) = tokio::join!(
        ecr.call("GetLifecyclePolicy", &by_name),
        ecr.call("ListTagsForResource", &by_arn),
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
        Ok(t) => out.tags = crate::unit::tags(pairs(&t, "tags", "Key", "Value")),
        Err(e) => {
            gaps.push(ctx.gap("ListTagsForResource", &e));
            out.unknown.mark(Fact::Tags);
        }
    }
    Partial::called(Some(out), gaps)
}
