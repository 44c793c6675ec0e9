//! ECS: clusters (Container Insights), their services (public IP, deployment circuit breaker,
//! desired against running tasks), and the task definitions that run: each service's revision
//! and the latest active revision of every family. Environment *values* are read only to
//! decide whether they look secret, then dropped, as Lambda's are.

use serde_json::{Value, json};
use wellscan_aws::json as api;
use wellscan_model::{EcsCluster, EcsContainer, EcsService, EcsTaskDefinition, Tags};

use crate::json::{NEXT_TOKEN_LOWER, bool, flag, int, items, pairs, str, strings, text};
use crate::redact;
use crate::unit::{Collected, Partial, UnitCtx};

/// ECS's client.
type Ecs = api::Client<api::Ecs>;

/// The most clusters one DescribeClusters takes.
const CLUSTERS_PER_CALL: usize = 100;
/// The most services one DescribeServices takes.
const SERVICES_PER_CALL: usize = 10;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ecs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ecs = ctx.client::<Ecs>();
    let active = json!({ "status": "ACTIVE" });
    let (clusters, families) = tokio::join!(
        crate::json::list(
            ctx,
            &ecs,
            "ListClusters",
            &Value::Null,
            NEXT_TOKEN_LOWER,
            |page| strings(page, "clusterArns"),
        ),
        crate::json::list(
            ctx,
            &ecs,
            "ListTaskDefinitionFamilies",
            &active,
            NEXT_TOKEN_LOWER,
            |page| strings(page, "families"),
        ),
    );
    let mut out = Collected::of(Vec::new());
    let listed = (clusters.depth, families.depth);
    let clusters = out.absorb(clusters);
    let families = out.absorb(families);

    // Each batch of clusters is described beside its clusters' services.
    let batches: Vec<Vec<String>> = clusters
        .chunks(CLUSTERS_PER_CALL)
        .map(<[String]>::to_vec)
        .collect();
    let (described, services) = tokio::join!(
        ctx.fan_out(batches, |batch| describe_clusters(ctx, &ecs, batch)),
        ctx.fan_out(clusters, |cluster| services(ctx, &ecs, cluster)),
    );
    let mut after = Partial::of(());
    for part in described {
        let found = after.absorb(part);
        out.found.extend(found.into_iter().map(Into::into));
    }
    let mut running = std::collections::BTreeSet::new();
    for part in services {
        let found = after.absorb(part);
        running.extend(found.iter().map(|s| s.task_definition.clone()));
        out.found.extend(found.into_iter().map(Into::into));
    }
    out.gaps.extend(after.gaps);
    out.depth = (listed.0 + after.depth).max(listed.1);

    // Each family's latest revision and the revisions services run, each described once.
    let wanted: Vec<String> = families.into_iter().chain(running).collect();
    let mut definitions = Collected::of(Vec::new());
    ctx.describe_each(&mut definitions, wanted, |name| {
        task_definition(ctx, &ecs, name)
    })
    .await;
    // Their calls came after everything above: their chain adds to it.
    let depth = definitions.depth;
    let found = out.absorb(Partial {
        depth: 0,
        ..definitions
    });
    let mut seen = std::collections::BTreeSet::new();
    out.found.extend(
        found
            .into_iter()
            .filter(|r| seen.insert(r.arn().to_string())),
    );
    out.depth += depth;
    out
}

/// A count the service sent, as the model keeps it (0 when left out or negative).
fn counted(value: &Value, name: &str) -> u32 {
    crate::unit::count(usize::try_from(int(value, name).unwrap_or(0)).unwrap_or(0))
}

async fn describe_clusters(
    ctx: &UnitCtx,
    ecs: &Ecs,
    arns: Vec<String>,
) -> Partial<Vec<EcsCluster>> {
    let input = json!({ "clusters": arns, "include": ["SETTINGS", "TAGS"] });
    match ecs.call("DescribeClusters", &input).await {
        Ok(a) => Partial::called(
            items(&a, "clusters")
                .filter_map(|c| cluster(ctx, c))
                .collect(),
            Vec::new(),
        ),
        Err(e) => Partial::called(Vec::new(), vec![ctx.gap("DescribeClusters", &e)]),
    }
}

fn cluster(ctx: &UnitCtx, c: &Value) -> Option<EcsCluster> {
    Some(EcsCluster {
        id: str(c, "clusterName")?.to_string(),
        arn: str(c, "clusterArn")?.to_string(),
        region: ctx.region.clone(),
        tags: tags(c),
        status: text(c, "status"),
        container_insights: items(c, "settings")
            .find(|s| str(s, "name") == Some("containerInsights"))
            .and_then(|s| str(s, "value"))
            .unwrap_or("disabled")
            .to_string(),
        active_services: counted(c, "activeServicesCount"),
        running_tasks: counted(c, "runningTasksCount"),
        ..Default::default()
    })
}

/// A cluster's services: every page of their ARNs, then each batch described.
async fn services(ctx: &UnitCtx, ecs: &Ecs, cluster: String) -> Partial<Vec<EcsService>> {
    let in_cluster = json!({ "cluster": cluster });
    let listed = crate::json::list(
        ctx,
        ecs,
        "ListServices",
        &in_cluster,
        NEXT_TOKEN_LOWER,
        |page| strings(page, "serviceArns"),
    )
    .await;
    let mut out = Partial::of(Vec::new());
    let arns = out.absorb(listed);
    let batches: Vec<Vec<String>> = arns
        .chunks(SERVICES_PER_CALL)
        .map(<[String]>::to_vec)
        .collect();
    if batches.is_empty() {
        return out;
    }
    for answer in ctx
        .fan_out(batches, |batch| {
            let input = json!({ "cluster": cluster, "services": batch, "include": ["TAGS"] });
            async move { ecs.call("DescribeServices", &input).await }
        })
        .await
    {
        match answer {
            Ok(a) => out
                .found
                .extend(items(&a, "services").filter_map(|s| service(ctx, s))),
            Err(e) => out.gaps.push(ctx.gap("DescribeServices", &e)),
        }
    }
    out.depth += 1;
    out
}

fn service(ctx: &UnitCtx, s: &Value) -> Option<EcsService> {
    let name = str(s, "serviceName")?.to_string();
    let cluster = str(s, "clusterArn")
        .and_then(|a| a.rsplit('/').next())
        .unwrap_or_default()
        .to_string();
    let breaker = s
        .get("deploymentConfiguration")
        .and_then(|d| d.get("deploymentCircuitBreaker"));
    let enabled = breaker.is_some_and(|b| flag(b, "enable"));
    Some(EcsService {
        id: format!("{cluster}/{name}"),
        arn: text(s, "serviceArn"),
        region: ctx.region.clone(),
        tags: tags(s),
        cluster,
        name,
        status: text(s, "status"),
        launch_type: str(s, "launchType").map(String::from),
        public_ip: s
            .get("networkConfiguration")
            .and_then(|n| n.get("awsvpcConfiguration"))
            .and_then(|a| str(a, "assignPublicIp"))
            == Some("ENABLED"),
        deployment_controller: s
            .get("deploymentController")
            .and_then(|d| str(d, "type"))
            .unwrap_or("ECS")
            .to_string(),
        circuit_breaker: enabled,
        circuit_breaker_rollback: enabled && breaker.is_some_and(|b| flag(b, "rollback")),
        desired_count: counted(s, "desiredCount"),
        running_count: counted(s, "runningCount"),
        task_definition: text(s, "taskDefinition"),
        ..Default::default()
    })
}

/// DescribeTaskDefinition of a family (its latest active revision) or of one revision's ARN.
async fn task_definition(
    ctx: &UnitCtx,
    ecs: &Ecs,
    name: String,
) -> Partial<Option<EcsTaskDefinition>> {
    let input = json!({ "taskDefinition": name, "include": ["TAGS"] });
    match ecs.call("DescribeTaskDefinition", &input).await {
        Ok(a) => Partial::called(
            a.get("taskDefinition").and_then(|t| definition(ctx, t, &a)),
            Vec::new(),
        ),
        Err(e) => Partial::called(None, vec![ctx.gap("DescribeTaskDefinition", &e)]),
    }
}

/// A task definition, with the tags its answer gave beside it.
fn definition(ctx: &UnitCtx, t: &Value, answer: &Value) -> Option<EcsTaskDefinition> {
    let family = str(t, "family")?.to_string();
    let revision = int(t, "revision")
        .and_then(|r| u32::try_from(r).ok())
        .unwrap_or_default();
    let mut compatibilities: Vec<String> = items(t, "requiresCompatibilities")
        .chain(items(t, "compatibilities"))
        .filter_map(|c| c.as_str().map(String::from))
        .collect();
    compatibilities.sort();
    compatibilities.dedup();
    Some(EcsTaskDefinition {
        id: format!("{family}:{revision}"),
        arn: str(t, "taskDefinitionArn")?.to_string(),
        region: ctx.region.clone(),
        tags: tags(answer),
        family,
        revision,
        network_mode: str(t, "networkMode").unwrap_or("bridge").to_string(),
        compatibilities,
        cpu_architecture: t
            .get("runtimePlatform")
            .and_then(|p| str(p, "cpuArchitecture"))
            .map(String::from),
        containers: items(t, "containerDefinitions").map(container).collect(),
        ..Default::default()
    })
}

fn container(c: &Value) -> EcsContainer {
    let secret_like = redact::secret_like_names(pairs(c, "environment", "name", "value"));
    EcsContainer {
        name: text(c, "name"),
        image: text(c, "image"),
        privileged: flag(c, "privileged"),
        user: str(c, "user").filter(|u| !u.is_empty()).map(String::from),
        read_only_root_filesystem: bool(c, "readonlyRootFilesystem").unwrap_or(false),
        log_driver: c
            .get("logConfiguration")
            .and_then(|l| str(l, "logDriver"))
            .map(String::from),
        secret_like_variables: secret_like,
        injected_secrets: crate::unit::count(items(c, "secrets").count()),
    }
}

/// An ECS resource's `tags` (`key` and `value`).
fn tags(resource: &Value) -> Tags {
    crate::unit::tags(pairs(resource, "tags", "key", "value"))
}
