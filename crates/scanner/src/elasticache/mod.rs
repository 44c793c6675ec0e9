//! ElastiCache: replication groups (failover, Multi-AZ, encryption, snapshots, node type) and the
//! cache clusters outside one, with each one's tags. A replication group's engine version is
//! its member clusters'.

use std::collections::BTreeMap;

use wellscan_aws::query::{self, Element};
use wellscan_model::{ElasticacheCluster, Fact};

use crate::query::{MARKER, flag, text, whole};
use crate::unit::{Collected, Partial, UnitCtx};

/// ElastiCache's client.
type ElastiCache = query::Client<query::ElastiCache>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "elasticache"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let cache = ctx.client::<ElastiCache>();
    let (groups, clusters) = tokio::join!(
        crate::query::list(
            ctx,
            &cache,
            "DescribeReplicationGroups",
            &[],
            MARKER,
            |page| page.items("ReplicationGroups").cloned().collect(),
        ),
        crate::query::list(ctx, &cache, "DescribeCacheClusters", &[], MARKER, |page| {
            page.items("CacheClusters").cloned().collect()
        },),
    );
    let mut out = Collected::of(Vec::new());
    let groups = out.absorb(groups);
    let clusters = out.absorb(clusters);

    // Members give their group its engine version; the others stand on their own.
    let mut versions = BTreeMap::new();
    let mut found: Vec<ElasticacheCluster> = Vec::new();
    for c in &clusters {
        match c.text("ReplicationGroupId").filter(|g| !g.is_empty()) {
            Some(group) => {
                versions
                    .entry(group.to_string())
                    .or_insert_with(|| text(c, "EngineVersion"));
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
            .call("ListTagsForResource", &[("ResourceName", &resource.arn)])
            .await;
        let mut gaps = Vec::new();
        match answer {
            Ok(t) => resource.tags = crate::unit::tags(t.pairs("TagList", "Key", "Value")),
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

fn replication_group(ctx: &UnitCtx, g: &Element) -> Option<ElasticacheCluster> {
    Some(ElasticacheCluster {
        id: g.text("ReplicationGroupId")?.to_string(),
        arn: g.text("ARN")?.to_string(),
        region: ctx.region.clone(),
        replication_group: true,
        engine: g.text("Engine").unwrap_or("redis").to_string(),
        node_type: text(g, "CacheNodeType"),
        nodes: crate::unit::count(g.items("MemberClusters").count()),
        status: text(g, "Status"),
        automatic_failover: g.text("AutomaticFailover") == Some("enabled"),
        multi_az: g.text("MultiAZ") == Some("enabled"),
        at_rest_encryption: flag(g, "AtRestEncryptionEnabled"),
        transit_encryption: flag(g, "TransitEncryptionEnabled"),
        snapshot_retention_days: whole(g, "SnapshotRetentionLimit"),
        ..Default::default()
    })
}

fn cluster(ctx: &UnitCtx, c: &Element) -> Option<ElasticacheCluster> {
    Some(ElasticacheCluster {
        id: c.text("CacheClusterId")?.to_string(),
        arn: c.text("ARN")?.to_string(),
        region: ctx.region.clone(),
        replication_group: false,
        engine: text(c, "Engine"),
        engine_version: text(c, "EngineVersion"),
        node_type: text(c, "CacheNodeType"),
        nodes: whole(c, "NumCacheNodes"),
        status: text(c, "CacheClusterStatus"),
        at_rest_encryption: flag(c, "AtRestEncryptionEnabled"),
        transit_encryption: flag(c, "TransitEncryptionEnabled"),
        snapshot_retention_days: whole(c, "SnapshotRetentionLimit"),
        ..Default::default()
    })
}
