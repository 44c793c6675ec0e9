//! ElastiCache: replication groups (failover, Multi-AZ, encryption, snapshots, node type) and the
//! cache clusters outside one, with each one's tags. A replication group's engine version is
//! its member clusters'.

use std::collections::BTreeMap;

use aws_sdk_elasticache::types::{CacheCluster, ReplicationGroup};
use wellscan_model::{ElasticacheCluster, Fact};

use crate::unit::{Collected, Partial, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "elasticache"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let cache = ctx.client::<aws_sdk_elasticache::Client>();
    let (groups, clusters) = tokio::join!(
        ctx.list(
            "DescribeReplicationGroups",
            cache.describe_replication_groups().into_paginator().send(),
            |page| page.replication_groups().to_vec(),
        ),
        ctx.list(
            "DescribeCacheClusters",
            cache.describe_cache_clusters().into_paginator().send(),
            |page| page.cache_clusters().to_vec(),
        ),
    );
    let mut out = Collected::of(Vec::new());
    let groups = out.absorb(groups);
    let clusters = out.absorb(clusters);

    // Members give their group its engine version; the others stand on their own.
    let mut versions = BTreeMap::new();
    let mut found: Vec<ElasticacheCluster> = Vec::new();
    for c in &clusters {
        match c.replication_group_id() {
            Some(group) => {
                versions
                    .entry(group.to_string())
                    .or_insert_with(|| c.engine_version().unwrap_or_default().to_string());
            }
            None => found.extend(cluster(ctx, c)),
        }
    }
    for g in &groups {
        if let Some(mut group) = replication_group(ctx, g) {
            // No member read (a failed listing, or members not listed yet): version unknown.
            match versions.get(&group.id) {
                Some(v) => group.engine_version = v.clone(),
                None => group.unknown.mark(Fact::EngineVersion),
            }
            found.push(group);
        }
    }
    let cache = &cache;
    ctx.describe_each(&mut out, found, |mut resource| async move {
        let answer = cache
            .list_tags_for_resource()
            .resource_name(&resource.arn)
            .send()
            .await;
        let mut gaps = Vec::new();
        match answer {
            Ok(t) => {
                resource.tags = crate::unit::tags(
                    t.tag_list()
                        .iter()
                        .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
                )
            }
            Err(e) => {
                resource.unknown.mark(Fact::Tags);
                gaps.push(ctx.gap("ListTagsForResource", &e));
            }
        }
        Partial::called(Some(resource), gaps)
    })
    .await;
    out
}

fn replication_group(ctx: &UnitCtx, g: &ReplicationGroup) -> Option<ElasticacheCluster> {
    Some(ElasticacheCluster {
        id: g.replication_group_id()?.to_string(),
        arn: g.arn()?.to_string(),
        region: ctx.region.clone(),
        replication_group: true,
        engine: g.engine().unwrap_or("redis").to_string(),
        node_type: g.cache_node_type().unwrap_or_default().to_string(),
        nodes: crate::unit::count(g.member_clusters().len()),
        status: g.status().unwrap_or_default().to_string(),
        automatic_failover: g
            .automatic_failover()
            .is_some_and(|f| f.as_str() == "enabled"),
        multi_az: g.multi_az().is_some_and(|m| m.as_str() == "enabled"),
        at_rest_encryption: g.at_rest_encryption_enabled().unwrap_or(false),
        transit_encryption: g.transit_encryption_enabled().unwrap_or(false),
        snapshot_retention_days: crate::unit::count(
            g.snapshot_retention_limit().unwrap_or(0).max(0) as usize,
        ),
        ..Default::default()
    })
}

fn cluster(ctx: &UnitCtx, c: &CacheCluster) -> Option<ElasticacheCluster> {
    Some(ElasticacheCluster {
        id: c.cache_cluster_id()?.to_string(),
        arn: c.arn()?.to_string(),
        region: ctx.region.clone(),
        replication_group: false,
        engine: c.engine().unwrap_or_default().to_string(),
        engine_version: c.engine_version().unwrap_or_default().to_string(),
        node_type: c.cache_node_type().unwrap_or_default().to_string(),
        nodes: crate::unit::count(c.num_cache_nodes().unwrap_or(0).max(0) as usize),
        status: c.cache_cluster_status().unwrap_or_default().to_string(),
        at_rest_encryption: c.at_rest_encryption_enabled().unwrap_or(false),
        transit_encryption: c.transit_encryption_enabled().unwrap_or(false),
        snapshot_retention_days: crate::unit::count(
            c.snapshot_retention_limit().unwrap_or(0).max(0) as usize,
        ),
        ..Default::default()
    })
}
