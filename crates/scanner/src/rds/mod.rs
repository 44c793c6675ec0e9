//! RDS: database instances and clusters, with their tags.

use aws_sdk_rds::types::{DbCluster, DbInstance, Tag};
use wellscan_model::{RdsCluster, RdsInstance, Tags};

use crate::unit::{Collected, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "rds"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let rds = ctx.client::<aws_sdk_rds::Client>();
    let (mut instances, clusters) = tokio::join!(
        async {
            let mut out = Collected::default();
            let read = ctx
                .pages(
                    "DescribeDBInstances",
                    rds.describe_db_instances().into_paginator().send(),
                    |page| {
                        out.found.extend(
                            page.db_instances()
                                .iter()
                                .filter_map(|d| instance_of(ctx, d))
                                .map(Into::into),
                        )
                    },
                )
                .await;
            out.absorb(read);
            out
        },
        async {
            let mut out = Collected::default();
            let read = ctx
                .pages(
                    "DescribeDBClusters",
                    rds.describe_db_clusters().into_paginator().send(),
                    |page| {
                        out.found.extend(
                            page.db_clusters()
                                .iter()
                                .filter_map(|c| cluster_of(ctx, c))
                                .map(Into::into),
                        )
                    },
                )
                .await;
            out.absorb(read);
            out
        }
    );
    instances.merge(clusters);
    instances
}

fn tags(tags: &[Tag]) -> Tags {
    crate::unit::tags(tags.iter().filter_map(|t| {
        Some((
            t.key()?.to_string(),
            t.value().unwrap_or_default().to_string(),
        ))
    }))
}

fn instance_of(ctx: &UnitCtx, d: &DbInstance) -> Option<RdsInstance> {
    let id = d.db_instance_identifier()?.to_string();
    Some(RdsInstance {
        unknown: Default::default(),
        arn: d
            .db_instance_arn()
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("rds", &format!("db:{id}"))),
        id,
        region: ctx.region.clone(),
        tags: tags(d.tag_list()),
        class: d.db_instance_class().unwrap_or_default().to_string(),
        engine: d.engine().unwrap_or_default().to_string(),
        engine_version: d.engine_version().unwrap_or_default().to_string(),
        status: d.db_instance_status().unwrap_or_default().to_string(),
        cluster_id: d.db_cluster_identifier().map(String::from),
        availability_zone: d.availability_zone().unwrap_or_default().to_string(),
        multi_az: d.multi_az().unwrap_or(false),
        storage_encrypted: d.storage_encrypted().unwrap_or(false),
        publicly_accessible: d.publicly_accessible().unwrap_or(false),
        backup_retention_days: d.backup_retention_period().unwrap_or(0).max(0) as u32,
        deletion_protection: d.deletion_protection().unwrap_or(false),
        auto_minor_version_upgrade: d.auto_minor_version_upgrade().unwrap_or(false),
        storage_type: d.storage_type().unwrap_or_default().to_string(),
        allocated_storage_gib: d.allocated_storage().unwrap_or(0).max(0) as u32,
        max_allocated_storage_gib: d
            .max_allocated_storage()
            .and_then(|g| u32::try_from(g).ok()),
        performance_insights: d.performance_insights_enabled().unwrap_or(false),
        enhanced_monitoring: d.monitoring_interval().unwrap_or(0) > 0,
        cpu: None,
        connections: None,
    })
}

fn cluster_of(ctx: &UnitCtx, c: &DbCluster) -> Option<RdsCluster> {
    let id = c.db_cluster_identifier()?.to_string();
    Some(RdsCluster {
        unknown: Default::default(),
        arn: c
            .db_cluster_arn()
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("rds", &format!("cluster:{id}"))),
        id,
        region: ctx.region.clone(),
        tags: tags(c.tag_list()),
        engine: c.engine().unwrap_or_default().to_string(),
        engine_version: c.engine_version().unwrap_or_default().to_string(),
        status: c.status().unwrap_or_default().to_string(),
        multi_az: c.multi_az().unwrap_or(false),
        storage_encrypted: c.storage_encrypted().unwrap_or(false),
        backup_retention_days: c.backup_retention_period().unwrap_or(0).max(0) as u32,
        deletion_protection: c.deletion_protection().unwrap_or(false),
        member_ids: c
            .db_cluster_members()
            .iter()
            .filter_map(|m| m.db_instance_identifier().map(String::from))
            .collect(),
    })
}
