//! RDS: database instances and clusters, with their tags.

use wellscan_aws::query::{self, Element};
use wellscan_model::{RdsCluster, RdsInstance, Tags};

use crate::query::{MARKER, flag, text, whole};
use crate::unit::{Collected, UnitCtx};

/// RDS's client.
type Rds = query::Client<query::Rds>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "rds"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let rds = ctx.client::<Rds>();
    let (mut instances, clusters) = tokio::join!(
        async {
            let mut out = Collected::default();
            let read = crate::query::pages(ctx, &rds, "DescribeDBInstances", &[], MARKER, |page| {
                out.found.extend(
                    page.items("DBInstances")
                        .filter_map(|d| instance_of(ctx, d))
                        .map(Into::into),
                )
            })
            .await;
            out.absorb(read);
            out
        },
        async {
            let mut out = Collected::default();
            let read = crate::query::pages(ctx, &rds, "DescribeDBClusters", &[], MARKER, |page| {
                out.found.extend(
                    page.items("DBClusters")
                        .filter_map(|c| cluster_of(ctx, c))
                        .map(Into::into),
                )
            })
            .await;
            out.absorb(read);
            out
        }
    );
    instances.merge(clusters);
    instances
}

fn tags(resource: &Element) -> Tags {
    crate::unit::tags(resource.pairs("TagList", "Key", "Value"))
}

fn instance_of(ctx: &UnitCtx, d: &Element) -> Option<RdsInstance> {
    let id = d.text("DBInstanceIdentifier")?.to_string();
    Some(RdsInstance {
        unknown: Default::default(),
        arn: d
            .text("DBInstanceArn")
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("rds", &format!("db:{id}"))),
        id,
        region: ctx.region.clone(),
        tags: tags(d),
        class: text(d, "DBInstanceClass"),
        engine: text(d, "Engine"),
        engine_version: text(d, "EngineVersion"),
        status: text(d, "DBInstanceStatus"),
        cluster_id: d.text("DBClusterIdentifier").map(String::from),
        availability_zone: text(d, "AvailabilityZone"),
        multi_az: flag(d, "MultiAZ"),
        storage_encrypted: flag(d, "StorageEncrypted"),
        publicly_accessible: flag(d, "PubliclyAccessible"),
        backup_retention_days: whole(d, "BackupRetentionPeriod"),
        deletion_protection: flag(d, "DeletionProtection"),
        auto_minor_version_upgrade: flag(d, "AutoMinorVersionUpgrade"),
        storage_type: text(d, "StorageType"),
        allocated_storage_gib: whole(d, "AllocatedStorage"),
        max_allocated_storage_gib: d
            .int("MaxAllocatedStorage")
            .and_then(|g| u32::try_from(g).ok()),
        performance_insights: flag(d, "PerformanceInsightsEnabled"),
        enhanced_monitoring: d.int("MonitoringInterval").unwrap_or(0) > 0,
        cpu: None,
        connections: None,
    })
}

fn cluster_of(ctx: &UnitCtx, c: &Element) -> Option<RdsCluster> {
    let id = c.text("DBClusterIdentifier")?.to_string();
    Some(RdsCluster {
        unknown: Default::default(),
        arn: c
            .text("DBClusterArn")
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("rds", &format!("cluster:{id}"))),
        id,
        region: ctx.region.clone(),
        tags: tags(c),
        engine: text(c, "Engine"),
        engine_version: text(c, "EngineVersion"),
        status: text(c, "Status"),
        multi_az: flag(c, "MultiAZ"),
        storage_encrypted: flag(c, "StorageEncrypted"),
        backup_retention_days: whole(c, "BackupRetentionPeriod"),
        deletion_protection: flag(c, "DeletionProtection"),
        member_ids: c
            .items("DBClusterMembers")
            .filter_map(|m| m.text("DBInstanceIdentifier").map(String::from))
            .collect(),
    })
}
