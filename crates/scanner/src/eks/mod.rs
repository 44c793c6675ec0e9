//! EKS: clusters (public endpoint and who may reach it, control-plane logs, secrets encryption,
//! version and support type) and their managed node groups (AMI type, instance types, scaling).

use serde_json::Value;
use wellscan_aws::rest::{self as api, label};
use wellscan_model::{EksCluster, EksNodegroup};

use crate::json::{NEXT_TOKEN_LOWER, bool, flag, int, items, map, str, strings, text, time};
use crate::unit::{Collected, Partial, UnitCtx};

/// EKS's client.
type Eks = api::Client<api::Eks>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "eks"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let eks = ctx.client::<Eks>();
    let mut names = Vec::new();
    let listed = crate::rest::pages(
        ctx,
        &eks,
        "ListClusters",
        "/clusters",
        &[],
        NEXT_TOKEN_LOWER,
        |page| names.extend(strings(&page, "clusters")),
    )
    .await;
    let mut out = listed.map(|()| Vec::new());
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

async fn cluster_and_nodegroups(ctx: &UnitCtx, eks: &Eks, name: String) -> Collected {
    let path = format!("/clusters/{}", label(&name));
    let (described, nodegroups) = tokio::join!(
        eks.get("DescribeCluster", &path, &[]),
        nodegroups(ctx, eks, &path),
    );
    let mut out = Collected::of(Vec::new());
    match described {
        Ok(d) => {
            if let Some(c) = d.get("cluster").and_then(|c| cluster(ctx, c)) {
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

fn cluster(ctx: &UnitCtx, c: &Value) -> Option<EksCluster> {
    let vpc = c.get("resourcesVpcConfig");
    let mut log_types: Vec<String> = c
        .get("logging")
        .map(|l| items(l, "clusterLogging"))
        .into_iter()
        .flatten()
        .filter(|s| bool(s, "enabled") == Some(true))
        .flat_map(|s| strings(s, "types"))
        .collect();
    log_types.sort();
    Some(EksCluster {
        id: str(c, "name")?.to_string(),
        arn: str(c, "arn")?.to_string(),
        region: ctx.region.clone(),
        tags: crate::unit::tags(map(c, "tags")),
        status: text(c, "status"),
        version: text(c, "version"),
        endpoint_public: vpc.is_some_and(|v| flag(v, "endpointPublicAccess")),
        public_access_cidrs: vpc
            .map(|v| strings(v, "publicAccessCidrs"))
            .unwrap_or_default(),
        endpoint_private: vpc.is_some_and(|v| flag(v, "endpointPrivateAccess")),
        log_types,
        // EKS encrypts the Kubernetes API data with its own key; a configured provider adds the
        // account's key (the configuration's resource list no longer narrows what it covers).
        kms_key: items(c, "encryptionConfig")
            .find_map(|e| e.get("provider").and_then(|p| str(p, "keyArn")))
            .map(String::from),
        support_type: c
            .get("upgradePolicy")
            .and_then(|u| str(u, "supportType"))
            .map(String::from),
        created_at: time(c, "createdAt"),
        ..Default::default()
    })
}

/// A cluster's node groups (`cluster` is the cluster's path): every page of their names,
/// then each described.
async fn nodegroups(ctx: &UnitCtx, eks: &Eks, cluster: &str) -> Partial<Vec<EksNodegroup>> {
    let mut names = Vec::new();
    let path = format!("{cluster}/node-groups");
    let listed = crate::rest::pages(
        ctx,
        eks,
        "ListNodegroups",
        &path,
        &[],
        NEXT_TOKEN_LOWER,
        |page| names.extend(strings(&page, "nodegroups")),
    )
    .await;
    let mut out = listed.map(|()| Vec::new());
    if names.is_empty() {
        return out;
    }
    for answer in ctx
        .fan_out(names, |name| {
            let path = format!("{path}/{}", label(&name));
            async move { eks.get("DescribeNodegroup", &path, &[]).await }
        })
        .await
    {
        match answer {
            Ok(d) => out
                .found
                .extend(d.get("nodegroup").and_then(|n| nodegroup(ctx, n))),
            Err(e) => out.gaps.push(ctx.gap("DescribeNodegroup", &e)),
        }
    }
    out.depth += 1;
    out
}

fn nodegroup(ctx: &UnitCtx, n: &Value) -> Option<EksNodegroup> {
    let cluster = str(n, "clusterName")?.to_string();
    let name = str(n, "nodegroupName")?.to_string();
    let scaling = n.get("scalingConfig");
    let size = |field: &str| {
        let size = scaling.and_then(|s| int(s, field)).unwrap_or(0);
        crate::unit::count(usize::try_from(size).unwrap_or(0))
    };
    Some(EksNodegroup {
        id: format!("{cluster}/{name}"),
        arn: str(n, "nodegroupArn")?.to_string(),
        region: ctx.region.clone(),
        tags: crate::unit::tags(map(n, "tags")),
        status: text(n, "status"),
        ami_type: text(n, "amiType"),
        instance_types: strings(n, "instanceTypes"),
        capacity_type: str(n, "capacityType").unwrap_or("ON_DEMAND").into(),
        min_size: size("minSize"),
        max_size: size("maxSize"),
        desired_size: size("desiredSize"),
        cluster,
        name,
        ..Default::default()
    })
}
