//! ECS: clusters (Container Insights), their services (public IP, deployment circuit breaker,
//! desired against running tasks), and the task definitions that run: each service's revision
//! and the latest active revision of every family. Environment *values* are read only to
//! decide whether they look secret, then dropped, as Lambda's are.

use aws_sdk_ecs::types::{
    Cluster, ClusterField, ContainerDefinition, Service, ServiceField, Tag, TaskDefinition,
    TaskDefinitionFamilyStatus, TaskDefinitionField,
};
use wellscan_model::{EcsCluster, EcsContainer, EcsService, EcsTaskDefinition, Tags};

use crate::redact;
use crate::unit::{Collected, Partial, UnitCtx};

/// The most clusters one DescribeClusters takes.
const CLUSTERS_PER_CALL: usize = 100;
/// The most services one DescribeServices takes.
const SERVICES_PER_CALL: usize = 10;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ecs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ecs = ctx.client::<aws_sdk_ecs::Client>();
    let (clusters, families) = tokio::join!(
        ctx.list(
            "ListClusters",
            ecs.list_clusters().into_paginator().send(),
            |page| page.cluster_arns().to_vec(),
        ),
        ctx.list(
            "ListTaskDefinitionFamilies",
            ecs.list_task_definition_families()
                .status(TaskDefinitionFamilyStatus::Active)
                .into_paginator()
                .send(),
            |page| page.families().to_vec(),
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

async fn describe_clusters(
    ctx: &UnitCtx,
    ecs: &aws_sdk_ecs::Client,
    arns: Vec<String>,
) -> Partial<Vec<EcsCluster>> {
    let answer = ecs
        .describe_clusters()
        .set_clusters(Some(arns))
        .include(ClusterField::Settings)
        .include(ClusterField::Tags)
        .send()
        .await;
    match answer {
        Ok(a) => Partial::called(
            a.clusters()
                .iter()
                .filter_map(|c| cluster(ctx, c))
                .collect(),
            Vec::new(),
        ),
        Err(e) => Partial::called(Vec::new(), vec![ctx.gap("DescribeClusters", &e)]),
    }
}

fn cluster(ctx: &UnitCtx, c: &Cluster) -> Option<EcsCluster> {
    Some(EcsCluster {
        id: c.cluster_name()?.to_string(),
        arn: c.cluster_arn()?.to_string(),
        region: ctx.region.clone(),
        tags: tags(c.tags()),
        status: c.status().unwrap_or_default().to_string(),
        container_insights: c
            .settings()
            .iter()
            .find(|s| s.name().is_some_and(|n| n.as_str() == "containerInsights"))
            .and_then(|s| s.value())
            .unwrap_or("disabled")
            .to_string(),
        active_services: crate::unit::count(c.active_services_count().max(0) as usize),
        running_tasks: crate::unit::count(c.running_tasks_count().max(0) as usize),
        ..Default::default()
    })
}

/// A cluster's services: every page of their ARNs, then each batch described.
async fn services(
    ctx: &UnitCtx,
    ecs: &aws_sdk_ecs::Client,
    cluster: String,
) -> Partial<Vec<EcsService>> {
    let listed = ctx
        .list(
            "ListServices",
            ecs.list_services()
                .cluster(&cluster)
                .into_paginator()
                .send(),
            |page| page.service_arns().to_vec(),
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
            ecs.describe_services()
                .cluster(&cluster)
                .set_services(Some(batch))
                .include(ServiceField::Tags)
                .send()
        })
        .await
    {
        match answer {
            Ok(a) => out
                .found
                .extend(a.services().iter().filter_map(|s| service(ctx, s))),
            Err(e) => out.gaps.push(ctx.gap("DescribeServices", &e)),
        }
    }
    out.depth += 1;
    out
}

fn service(ctx: &UnitCtx, s: &Service) -> Option<EcsService> {
    let name = s.service_name()?.to_string();
    let cluster = s
        .cluster_arn()
        .and_then(|a| a.rsplit('/').next())
        .unwrap_or_default()
        .to_string();
    let breaker = s
        .deployment_configuration()
        .and_then(|d| d.deployment_circuit_breaker());
    Some(EcsService {
        id: format!("{cluster}/{name}"),
        arn: s.service_arn().unwrap_or_default().to_string(),
        region: ctx.region.clone(),
        tags: tags(s.tags()),
        cluster,
        name,
        status: s.status().unwrap_or_default().to_string(),
        launch_type: s.launch_type().map(|l| l.as_str().to_string()),
        public_ip: s
            .network_configuration()
            .and_then(|n| n.awsvpc_configuration())
            .and_then(|a| a.assign_public_ip())
            .is_some_and(|p| p.as_str() == "ENABLED"),
        deployment_controller: s
            .deployment_controller()
            .map(|d| d.r#type().as_str())
            .unwrap_or("ECS")
            .to_string(),
        circuit_breaker: breaker.is_some_and(|b| b.enable()),
        circuit_breaker_rollback: breaker.is_some_and(|b| b.enable() && b.rollback()),
        desired_count: crate::unit::count(s.desired_count().max(0) as usize),
        running_count: crate::unit::count(s.running_count().max(0) as usize),
        task_definition: s.task_definition().unwrap_or_default().to_string(),
        ..Default::default()
    })
}

/// DescribeTaskDefinition of a family (its latest active revision) or of one revision's ARN.
async fn task_definition(
    ctx: &UnitCtx,
    ecs: &aws_sdk_ecs::Client,
    name: String,
) -> Partial<Option<EcsTaskDefinition>> {
    let answer = ecs
        .describe_task_definition()
        .task_definition(&name)
        .include(TaskDefinitionField::Tags)
        .send()
        .await;
    match answer {
        Ok(a) => Partial::called(
            a.task_definition()
                .and_then(|t| definition(ctx, t, a.tags())),
            Vec::new(),
        ),
        Err(e) => Partial::called(None, vec![ctx.gap("DescribeTaskDefinition", &e)]),
    }
}

fn definition(ctx: &UnitCtx, t: &TaskDefinition, tags: &[Tag]) -> Option<EcsTaskDefinition> {
    let family = t.family()?.to_string();
    let revision = u32::try_from(t.revision()).unwrap_or_default();
    let mut compatibilities: Vec<String> = t
        .requires_compatibilities()
        .iter()
        .chain(t.compatibilities())
        .map(|c| c.as_str().to_string())
        .collect();
    compatibilities.sort();
    compatibilities.dedup();
    Some(EcsTaskDefinition {
        id: format!("{family}:{revision}"),
        arn: t.task_definition_arn()?.to_string(),
        region: ctx.region.clone(),
        tags: self::tags(tags),
        family,
        revision,
        network_mode: t
            .network_mode()
            .map(|m| m.as_str())
            .unwrap_or("bridge")
            .to_string(),
        compatibilities,
        cpu_architecture: t
            .runtime_platform()
            .and_then(|p| p.cpu_architecture())
            .map(|a| a.as_str().to_string()),
        containers: t.container_definitions().iter().map(container).collect(),
        ..Default::default()
    })
}

fn container(c: &ContainerDefinition) -> EcsContainer {
    let secret_like = redact::secret_like_names(
        c.environment()
            .iter()
            .filter_map(|v| Some((v.name()?, v.value().unwrap_or_default()))),
    );
    EcsContainer {
        name: c.name().unwrap_or_default().to_string(),
        image: c.image().unwrap_or_default().to_string(),
        privileged: c.privileged().unwrap_or(false),
        user: c.user().filter(|u| !u.is_empty()).map(String::from),
        read_only_root_filesystem: c.readonly_root_filesystem().unwrap_or(false),
        log_driver: c
            .log_configuration()
            .map(|l| l.log_driver().as_str().to_string()),
        secret_like_variables: secret_like,
        injected_secrets: crate::unit::count(c.secrets().len()),
    }
}

fn tags(tags: &[Tag]) -> Tags {
    crate::unit::tags(
        tags.iter()
            .filter_map(|t| Some((t.key()?.to_string(), t.value().unwrap_or_default()))),
    )
}
