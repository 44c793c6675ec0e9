use std::collections::BTreeSet;

use wellscan_aws::query::Element;

use super::Ec2;
use wellscan_model::{ElasticIp, Fact, IngressRule, NatGateway, SecurityGroup, Vpc};

use crate::unit::{Collected, Partial, UnitCtx};

/// Security groups (and whether any interface uses them), VPCs and their flow logs, Elastic IPs
/// and NAT gateways, all at once.
#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "vpc"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ec2 = ctx.client::<Ec2>();
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

async fn security_groups(ctx: &UnitCtx, ec2: &Ec2) -> Collected {
    let (groups, in_use) = tokio::join!(
        super::list(ctx, ec2, "DescribeSecurityGroups", &[], |page| {
            page.items("securityGroupInfo")
                .filter_map(|g| group_of(ctx, g))
                .collect()
        }),
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
async fn groups_in_use(ctx: &UnitCtx, ec2: &Ec2) -> Partial<BTreeSet<String>> {
    let mut used = BTreeSet::new();
    let read = super::pages(ctx, ec2, "DescribeNetworkInterfaces", &[], |page| {
        for eni in page.items("networkInterfaceSet") {
            used.extend(
                eni.items("groupSet")
                    .filter_map(|g| g.text("groupId").map(String::from)),
            );
        }
    })
    .await;
    read.map(|()| used)
}

fn group_of(ctx: &UnitCtx, g: &Element) -> Option<SecurityGroup> {
    let id = g.text("groupId")?.to_string();
    Some(SecurityGroup {
        arn: ctx.arn("ec2", &format!("security-group/{id}")),
        id,
        region: ctx.region.clone(),
        tags: super::tags(g),
        name: g.text("groupName").unwrap_or_default().to_string(),
        description: g.text("groupDescription").unwrap_or_default().to_string(),
        vpc_id: g.text("vpcId").map(String::from),
        ingress: g.items("ipPermissions").map(rule_of).collect(),
        in_use: false,
        unknown: Default::default(),
    })
}

fn rule_of(p: &Element) -> IngressRule {
    let ids = |list, field| {
        p.items(list)
            .filter_map(|r| r.text(field).map(String::from))
            .collect()
    };
    IngressRule {
        protocol: p.text("ipProtocol").unwrap_or("-1").to_string(),
        from_port: p.int("fromPort").and_then(|n| i32::try_from(n).ok()),
        to_port: p.int("toPort").and_then(|n| i32::try_from(n).ok()),
        ipv4_ranges: ids("ipRanges", "cidrIp"),
        ipv6_ranges: ids("ipv6Ranges", "cidrIpv6"),
        source_group_ids: ids("groups", "groupId"),
    }
}

async fn vpcs(ctx: &UnitCtx, ec2: &Ec2) -> Collected {
    let (listed, logged) = tokio::join!(
        async {
            let mut out = Collected::default();
            let mut found = Vec::new();
            let read = super::pages(ctx, ec2, "DescribeVpcs", &[], |page| {
                for v in page.items("vpcSet") {
                    let Some(id) = v.text("vpcId") else { continue };
                    found.push(Vpc {
                        arn: ctx.arn("ec2", &format!("vpc/{id}")),
                        id: id.to_string(),
                        region: ctx.region.clone(),
                        tags: super::tags(v),
                        cidr_block: v.text("cidrBlock").unwrap_or_default().to_string(),
                        is_default: v.bool("isDefault").unwrap_or(false),
                        flow_logs_enabled: false,
                        unknown: Default::default(),
                    });
                }
            })
            .await;
            out.absorb(read);
            (found, out)
        },
        async {
            let mut out = Collected::default();
            let mut logged = BTreeSet::new();
            let read = super::pages(ctx, ec2, "DescribeFlowLogs", &[], |page| {
                logged.extend(
                    page.items("flowLogSet")
                        .filter_map(|f| f.text("resourceId").map(String::from)),
                )
            })
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

async fn elastic_ips(ctx: &UnitCtx, ec2: &Ec2) -> Collected {
    let mut out = Collected {
        depth: 1,
        ..Default::default()
    };
    match ec2.call("DescribeAddresses", &[]).await {
        Ok(page) => {
            for a in page.items("addressesSet") {
                let Some(id) = a.text("allocationId").or(a.text("publicIp")) else {
                    continue;
                };
                out.found.push(
                    ElasticIp {
                        unknown: Default::default(),
                        arn: ctx.arn("ec2", &format!("elastic-ip/{id}")),
                        id: id.to_string(),
                        region: ctx.region.clone(),
                        tags: super::tags(a),
                        public_ip: a.text("publicIp").unwrap_or_default().to_string(),
                        association_id: a.text("associationId").map(String::from),
                        instance_id: a
                            .text("instanceId")
                            .filter(|i| !i.is_empty())
                            .map(String::from),
                    }
                    .into(),
                );
            }
        }
        Err(e) => out.gaps.push(ctx.gap("DescribeAddresses", &e)),
    }
    out
}

async fn nat_gateways(ctx: &UnitCtx, ec2: &Ec2) -> Collected {
    let mut out = Collected::default();
    let read = super::pages(ctx, ec2, "DescribeNatGateways", &[], |page| {
        for n in page.items("natGatewaySet") {
            let Some(id) = n.text("natGatewayId") else {
                continue;
            };
            let state = n.text("state").unwrap_or_default().to_string();
            if state == "deleted" {
                continue;
            }
            out.found.push(
                NatGateway {
                    unknown: Default::default(),
                    arn: ctx.arn("ec2", &format!("natgateway/{id}")),
                    id: id.to_string(),
                    region: ctx.region.clone(),
                    tags: super::tags(n),
                    vpc_id: n.text("vpcId").unwrap_or_default().to_string(),
                    subnet_id: n.text("subnetId").unwrap_or_default().to_string(),
                    state,
                    bytes_out: None,
                }
                .into(),
            );
        }
    })
    .await;
    out.absorb(read);
    out
}
