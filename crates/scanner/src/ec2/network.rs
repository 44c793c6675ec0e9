use std::collections::BTreeSet;

use aws_sdk_ec2::types::{IpPermission, SecurityGroup as SdkGroup};
use wellscan_model::{ElasticIp, Fact, IngressRule, NatGateway, SecurityGroup, Vpc};

use crate::unit::{Collected, Partial, UnitCtx};

/// Security groups (and whether any interface uses them), VPCs and their flow logs, Elastic IPs
/// and NAT gateways, all at once.
#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "vpc"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ec2 = ctx.client::<aws_sdk_ec2::Client>();
    let (groups, vpcs, eips, nats) = tokio::join!(
        security_groups(ctx, &ec2),
        vpcs(ctx, &ec2),
        elastic_ips(ctx, &ec2),
        nat_gateways(ctx, &ec2),
    );
    let mut out = groups;
    for part in [vpcs, eips, nats] {
        out.merge(part);
    }
    out
}

async fn security_groups(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> Collected {
    let (groups, in_use) = tokio::join!(
        ctx.list(
            "DescribeSecurityGroups",
            ec2.describe_security_groups().into_paginator().send(),
            |page| {
                page.security_groups()
                    .iter()
                    .filter_map(|g| group_of(ctx, g))
                    .collect()
            },
        ),
        groups_in_use(ctx, ec2),
    );
    let mut out = Collected::default();
    let mut found = out.absorb(groups);
    let unread = !in_use.whole();
    let in_use = out.absorb(in_use);
    for group in &mut found {
        group.in_use = in_use.contains(&group.id);
        // Interfaces listed before a failed page still prove a group is used.
        if unread && !group.in_use {
            group.unknown.mark(Fact::InUse);
        }
    }
    out.found.extend(found.into_iter().map(Into::into));
    out
}

/// Every security group some network interface uses.
async fn groups_in_use(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> Partial<BTreeSet<String>> {
    let mut used = BTreeSet::new();
    let read = ctx
        .pages(
            "DescribeNetworkInterfaces",
            ec2.describe_network_interfaces().into_paginator().send(),
            |page| {
                for eni in page.network_interfaces() {
                    used.extend(
                        eni.groups()
                            .iter()
                            .filter_map(|g| g.group_id().map(String::from)),
                    );
                }
            },
        )
        .await;
    read.map(|()| used)
}

fn group_of(ctx: &UnitCtx, g: &SdkGroup) -> Option<SecurityGroup> {
    let id = g.group_id()?.to_string();
    Some(SecurityGroup {
        arn: ctx.arn("ec2", &format!("security-group/{id}")),
        id,
        region: ctx.region.clone(),
        tags: super::tags(g.tags()),
        name: g.group_name().unwrap_or_default().to_string(),
        description: g.description().unwrap_or_default().to_string(),
        vpc_id: g.vpc_id().map(String::from),
        ingress: g.ip_permissions().iter().map(rule_of).collect(),
        in_use: false,
        unknown: Default::default(),
    })
}

fn rule_of(p: &IpPermission) -> IngressRule {
    IngressRule {
        protocol: p.ip_protocol().unwrap_or("-1").to_string(),
        from_port: p.from_port(),
        to_port: p.to_port(),
        ipv4_ranges: p
            .ip_ranges()
            .iter()
            .filter_map(|r| r.cidr_ip().map(String::from))
            .collect(),
        ipv6_ranges: p
            .ipv6_ranges()
            .iter()
            .filter_map(|r| r.cidr_ipv6().map(String::from))
            .collect(),
        source_group_ids: p
            .user_id_group_pairs()
            .iter()
            .filter_map(|g| g.group_id().map(String::from))
            .collect(),
    }
}

async fn vpcs(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> Collected {
    let (listed, logged) = tokio::join!(
        async {
            let mut out = Collected::default();
            let mut found = Vec::new();
            let read = ctx
                .pages(
                    "DescribeVpcs",
                    ec2.describe_vpcs().into_paginator().send(),
                    |page| {
                        for v in page.vpcs() {
                            let Some(id) = v.vpc_id() else { continue };
                            found.push(Vpc {
                                arn: ctx.arn("ec2", &format!("vpc/{id}")),
                                id: id.to_string(),
                                region: ctx.region.clone(),
                                tags: super::tags(v.tags()),
                                cidr_block: v.cidr_block().unwrap_or_default().to_string(),
                                is_default: v.is_default().unwrap_or(false),
                                flow_logs_enabled: false,
                                unknown: Default::default(),
                            });
                        }
                    },
                )
                .await;
            out.absorb(read);
            (found, out)
        },
        async {
            let mut out = Collected::default();
            let mut logged = BTreeSet::new();
            let read = ctx
                .pages(
                    "DescribeFlowLogs",
                    ec2.describe_flow_logs().into_paginator().send(),
                    |page| {
                        logged.extend(
                            page.flow_logs()
                                .iter()
                                .filter_map(|f| f.resource_id().map(String::from)),
                        )
                    },
                )
                .await;
            out.absorb(read);
            (logged, out)
        }
    );
    let (mut found, mut out) = listed;
    let (logged, logs_out) = logged;
    let unread = !logs_out.gaps.is_empty();
    out.gaps.extend(logs_out.gaps);
    out.depth = out.depth.max(logs_out.depth);
    for vpc in &mut found {
        vpc.flow_logs_enabled = logged.contains(&vpc.id);
        if unread && !vpc.flow_logs_enabled {
            vpc.unknown.mark(Fact::FlowLogsEnabled);
        }
    }
    out.found.extend(found.into_iter().map(Into::into));
    out
}

async fn elastic_ips(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> Collected {
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    match ec2.describe_addresses().send().await {
        Ok(page) => {
            for a in page.addresses() {
                let Some(id) = a.allocation_id().or(a.public_ip()) else {
                    continue;
                };
                out.found.push(
                    ElasticIp {
                        unknown: Default::default(),
                        arn: ctx.arn("ec2", &format!("elastic-ip/{id}")),
                        id: id.to_string(),
                        region: ctx.region.clone(),
                        tags: super::tags(a.tags()),
                        public_ip: a.public_ip().unwrap_or_default().to_string(),
                        association_id: a.association_id().map(String::from),
                        instance_id: a.instance_id().map(String::from),
                    }
                    .into(),
                );
            }
        }
        Err(e) => out.gaps.push(ctx.gap("DescribeAddresses", &e)),
    }
    out
}

async fn nat_gateways(ctx: &UnitCtx, ec2: &aws_sdk_ec2::Client) -> Collected {
    let mut out = Collected::default();
    let read = ctx
        .pages(
            "DescribeNatGateways",
            ec2.describe_nat_gateways().into_paginator().send(),
            |page| {
                for n in page.nat_gateways() {
                    let Some(id) = n.nat_gateway_id() else {
                        continue;
                    };
                    let state = n
                        .state()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default();
                    if state == "deleted" {
                        continue;
                    }
                    out.found.push(
                        NatGateway {
                            unknown: Default::default(),
                            arn: ctx.arn("ec2", &format!("natgateway/{id}")),
                            id: id.to_string(),
                            region: ctx.region.clone(),
                            tags: super::tags(n.tags()),
                            vpc_id: n.vpc_id().unwrap_or_default().to_string(),
                            subnet_id: n.subnet_id().unwrap_or_default().to_string(),
                            state,
                            bytes_out: None,
                        }
                        .into(),
                    );
                }
            },
        )
        .await;
    out.absorb(read);
    out
}
