//! EKS: clusters (public endpoint and who may reach it, control-plane logs, secrets encryption,
//! version and support type) and their managed node groups (AMI type, instance types, scaling).

use aws_sdk_eks::types::{Cluster, Nodegroup};
use wellscan_model::{EksCluster, EksNodegroup};

use crate::unit::{Collected, Partial, UnitCtx, time};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "eks"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let eks = ctx.client::<aws_sdk_eks::Client>();
    let listed = ctx
        .list(
            "ListClusters",
            eks.list_clusters().into_paginator().send(),
            |page| page.clusters().to_vec(),
        )
        .await;
    let mut out = Collected::of(Vec::new());
    let names = out.absorb(listed);
    if names.is_empty() {
        return out;
    }
    // Each cluster is described beside its node groups' listing and descriptions.
    let mut longest = 0;
    for part in ctx
        .fan_out(names, |name| cluster_and_nodegroups(ctx, &eks, name))
        .await
    {
        longest = longest.max(part.depth);
        out.gaps.extend(part.gaps);
        out.found.extend(part.found);
    }
    out.depth += longest;
    out
}

async fn cluster_and_nodegroups(
    ctx: &UnitCtx,
    eks: &aws_sdk_eks::Client,
    name: String,
) -> Collected {
    let (described, nodegroups) = tokio::join!(
        eks.describe_cluster().name(&name).send(),
        nodegroups(ctx, eks, &name),
    );
    let mut out = Collected::of(Vec::new());
    match described {
        Ok(d) => {
            if let Some(c) = d.cluster().and_then(|c| cluster(ctx, c)) {
                out.push(c);
            }
        }
        Err(e) => out.gaps.push(ctx.gap("DescribeCluster", &e)),
    }
    out.depth = 1;
    let found = out.absorb(nodegroups);
    out.found.extend(found.into_iter().map(Into::into));
    out
}

fn cluster(ctx: &UnitCtx, c: &Cluster) -> Option<EksCluster> {
    let vpc = c.resources_vpc_config();
    let mut log_types: Vec<String> = c
        .logging()
        .map(|l| l.cluster_logging())
        .unwrap_or_default()
        .iter()
        .filter(|s| s.enabled() == Some(true))
        .flat_map(|s| s.types().iter().map(|t| t.as_str().to_string()))
        .collect();
    log_types.sort();
    Some(EksCluster {
        id: c.name()?.to_string(),
        arn: c.arn()?.to_string(),
        region: ctx.region.clone(),
        tags: crate::unit::tags(c.tags().into_iter().flatten()),
        status: c.status().map(|s| s.as_str()).unwrap_or_default().into(),
        version: c.version().unwrap_or_default().to_string(),
        endpoint_public: vpc.is_some_and(|v| v.endpoint_public_access()),
        public_access_cidrs: vpc
            .map(|v| v.public_access_cidrs().to_vec())
            .unwrap_or_default(),
        endpoint_private: vpc.is_some_and(|v| v.endpoint_private_access()),
        log_types,
        // EKS encrypts the Kubernetes API data with its own key; a configured provider adds the
        // account's key (the configuration's resource list no longer narrows what it covers).
        kms_key: c
            .encryption_config()
            .iter()
            .find_map(|e| e.provider().and_then(|p| p.key_arn()))
            .map(String::from),
        support_type: c
            .upgrade_policy()
            .and_then(|u| u.support_type())
            .map(|s| s.as_str().to_string()),
        created_at: c.created_at().and_then(time),
        ..Default::default()
    })
}

/// A cluster's node groups: every page of their names, then each described.
async fn nodegroups(
    ctx: &UnitCtx,
    eks: &aws_sdk_eks::Client,
    cluster: &str,
) -> Partial<Vec<EksNodegroup>> {
    let listed = ctx
        .list(
            "ListNodegroups",
            eks.list_nodegroups()
                .cluster_name(cluster)
                .into_paginator()
                .send(),
            |page| page.nodegroups().to_vec(),
        )
        .await;
    let mut out = Partial::of(Vec::new());
    let names = out.absorb(listed);
    if names.is_empty() {
        return out;
    }
    for answer in ctx
        .fan_out(names, |name| {
            eks.describe_nodegroup()
                .cluster_name(cluster)
                .nodegroup_name(name)
                .send()
        })
        .await
    {
        match answer {
            Ok(d) => out
                .found
                .extend(d.nodegroup().and_then(|n| nodegroup(ctx, n))),
            Err(e) => out.gaps.push(ctx.gap("DescribeNodegroup", &e)),
        }
    }
    out.depth += 1;
    out
}

fn nodegroup(ctx: &UnitCtx, n: &Nodegroup) -> Option<EksNodegroup> {
    let cluster = n.cluster_name()?.to_string();
    let name = n.nodegroup_name()?.to_string();
    let scaling = n.scaling_config();
    let size = |f: fn(&aws_sdk_eks::types::NodegroupScalingConfig) -> Option<i32>| {
        crate::unit::count(scaling.and_then(f).unwrap_or(0).max(0) as usize)
    };
    Some(EksNodegroup {
        id: format!("{cluster}/{name}"),
        arn: n.nodegroup_arn()?.to_string(),
        region: ctx.region.clone(),
        tags: crate::unit::tags(n.tags().into_iter().flatten()),
        status: n.status().map(|s| s.as_str()).unwrap_or_default().into(),
        ami_type: n.ami_type().map(|a| a.as_str()).unwrap_or_default().into(),
        instance_types: n.instance_types().to_vec(),
        capacity_type: n
            .capacity_type()
            .map(|c| c.as_str())
            .unwrap_or("ON_DEMAND")
            .into(),
        min_size: size(|s| s.min_size()),
        max_size: size(|s| s.max_size()),
        desired_size: size(|s| s.desired_size()),
        cluster,
        name,
        ..Default::default()
    })
}
