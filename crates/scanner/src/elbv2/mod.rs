//! Elastic Load Balancing (v2): application, network and gateway load balancers with their
//! listeners, attributes, target health and tags.

use aws_sdk_elasticloadbalancingv2::Client;
use aws_sdk_elasticloadbalancingv2::types::{
    ActionTypeEnum, LoadBalancer as SdkLoadBalancer, TargetTypeEnum,
};
use wellscan_model::{CoverageGap, Fact, Listener, LoadBalancer, TargetGroupHealth};

use crate::unit::{Collected, Partial, UnitCtx, count};

/// DescribeTags takes at most this many ARNs.
const TAG_BATCH: usize = 20;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "elbv2"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let elb = ctx.client::<aws_sdk_elasticloadbalancingv2::Client>();
    let mut out = Collected::default();
    let mut found = Vec::new();
    let read = ctx
        .pages(
            "DescribeLoadBalancers",
            elb.describe_load_balancers().into_paginator().send(),
            |page| found.extend(page.load_balancers().iter().cloned()),
        )
        .await;
    out.absorb(read);
    if found.is_empty() {
        return out;
    }
    let described = ctx
        .fan_out(found, |lb| {
            let elb = elb.clone();
            async move { load_balancer(ctx, &elb, lb).await }
        })
        .await;
    out.depth += 3;
    let mut lbs = Vec::new();
    for lb in described {
        lbs.extend(lb.found);
        out.gaps.extend(lb.gaps);
    }
    out.gaps.extend(tags(ctx, &elb, &mut lbs).await);
    out.found.extend(lbs.into_iter().map(Into::into));
    out
}

/// Listeners, attributes and target groups of one load balancer, side by side.
async fn load_balancer(
    ctx: &UnitCtx,
    elb: &Client,
    lb: SdkLoadBalancer,
) -> Partial<Option<LoadBalancer>> {
    let (Some(arn), Some(name)) = (lb.load_balancer_arn(), lb.load_balancer_name()) else {
        return Partial::called(None, Vec::new());
    };
    let mut out = LoadBalancer {
        id: name.to_string(),
        arn: arn.to_string(),
        region: ctx.region.clone(),
        lb_type: lb
            .r#type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        scheme: lb
            .scheme()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        availability_zones: lb
            .availability_zones()
            .iter()
            .filter_map(|z| z.zone_name().map(String::from))
            .collect(),
        created_at: lb.created_time().and_then(crate::unit::time),
        ..Default::default()
    };
    let (listeners, attributes, groups) = tokio::join!(
        listeners(ctx, elb, arn),
        elb.describe_load_balancer_attributes()
            .load_balancer_arn(arn)
            .send(),
        target_groups(ctx, elb, arn),
    );
    let (mut listeners, mut groups) = (listeners, groups);
    let depth = listeners.depth.max(groups.depth).max(1);
    let mut gaps = Vec::new();
    match listeners.take_whole() {
        Some(l) => out.listeners = l,
        None => out.unknown.mark(Fact::Listeners),
    }
    gaps.extend(listeners.gaps);
    match attributes {
        Ok(a) => {
            let on = |key: &str| {
                a.attributes()
                    .iter()
                    .any(|x| x.key() == Some(key) && x.value() == Some("true"))
            };
            out.access_logs = on("access_logs.s3.enabled");
            out.deletion_protection = on("deletion_protection.enabled");
            out.cross_zone =
                out.lb_type == "application" || on("load_balancing.cross_zone.enabled");
            out.drop_invalid_headers = on("routing.http.drop_invalid_header_fields.enabled");
        }
        Err(e) => {
            gaps.push(ctx.gap("DescribeLoadBalancerAttributes", &e));
            out.unknown.mark_all(&[
                Fact::AccessLogs,
                Fact::DeletionProtection,
                Fact::CrossZone,
                Fact::DropInvalidHeaders,
            ]);
        }
    }
    match groups.take_whole() {
        Some(g) => out.target_groups = g,
        None => out.unknown.mark(Fact::TargetGroups),
    }
    gaps.extend(groups.gaps);
    Partial {
        found: Some(out),
        gaps,
        depth,
    }
}

async fn listeners(ctx: &UnitCtx, elb: &Client, arn: &str) -> Partial<Vec<Listener>> {
    let pages = elb
        .describe_listeners()
        .load_balancer_arn(arn)
        .into_paginator()
        .send();
    let mut out = ctx
        .list("DescribeListeners", pages, |page| {
            page.listeners()
                .iter()
                .map(|l| Listener {
                    port: l.port().and_then(|p| u16::try_from(p).ok()).unwrap_or(0),
                    protocol: l
                        .protocol()
                        .map(|p| p.as_str().to_string())
                        .unwrap_or_default(),
                    ssl_policy: l.ssl_policy().map(String::from),
                    redirects_to_https: l.default_actions().iter().any(|a| {
                        a.r#type() == Some(&ActionTypeEnum::Redirect)
                            && a.redirect_config()
                                .and_then(|r| r.protocol())
                                .is_some_and(|p| p.eq_ignore_ascii_case("HTTPS"))
                    }),
                    default_action: terminal_action(l.default_actions()),
                })
                .collect()
        })
        .await;
    out.found.sort_by_key(|l| l.port);
    out
}

/// The type of the action that ends a listener's default actions (the one with the highest
/// `Order`; `authenticate-*` steps come before it).
fn terminal_action(actions: &[aws_sdk_elasticloadbalancingv2::types::Action]) -> Option<String> {
    actions
        .iter()
        .enumerate()
        .max_by_key(|(i, a)| (a.order().unwrap_or(0), *i))
        .and_then(|(_, a)| a.r#type())
        .map(|t| t.as_str().to_string())
}

/// The load balancer's target groups, each with how many of its targets are healthy.
async fn target_groups(ctx: &UnitCtx, elb: &Client, arn: &str) -> Partial<Vec<TargetGroupHealth>> {
    let pages = elb
        .describe_target_groups()
        .load_balancer_arn(arn)
        .into_paginator()
        .send();
    let mut read = ctx
        .list("DescribeTargetGroups", pages, |page| {
            page.target_groups()
                .iter()
                .filter_map(|g| {
                    Some((
                        g.target_group_arn()?.to_string(),
                        g.target_group_name().unwrap_or_default().to_string(),
                        // Absent means the default, which is on for every target type but Lambda.
                        g.health_check_enabled().unwrap_or(
                            g.target_type().is_none_or(|t| *t != TargetTypeEnum::Lambda),
                        ),
                    ))
                })
                .collect()
        })
        .await;
    let groups = std::mem::take(&mut read.found);
    let mut out = Vec::new();
    if !read.whole() {
        return read.map(|_| out);
    }
    // One group after the other: each is a link in the chain.
    for (group_arn, name, health_checks) in groups {
        read.depth += 1;
        let health = match elb
            .describe_target_health()
            .target_group_arn(&group_arn)
            .send()
            .await
        {
            Ok(health) => health,
            Err(e) => {
                read.gaps.push(ctx.gap("DescribeTargetHealth", &e));
                break;
            }
        };
        let targets = health.target_health_descriptions();
        let matching = |down: fn(&str, &str) -> bool| {
            count(
                targets
                    .iter()
                    .filter(|t| {
                        let health = t.target_health();
                        let state = health.and_then(|h| h.state()).map_or("", |s| s.as_str());
                        let reason = health.and_then(|h| h.reason()).map_or("", |r| r.as_str());
                        down(state, reason)
                    })
                    .count(),
            )
        };
        out.push(TargetGroupHealth {
            name,
            targets: count(targets.len()),
            healthy: matching(|state, _| state == "healthy"),
            unhealthy: Some(matching(|state, reason| {
                state == "unhealthy" || (state == "unused" && reason == "Target.InvalidState")
            })),
            health_checks: Some(health_checks),
        });
    }
    read.map(|_| out)
}

/// Tags for every load balancer, twenty ARNs per call.
async fn tags(ctx: &UnitCtx, elb: &Client, lbs: &mut [LoadBalancer]) -> Vec<CoverageGap> {
    let mut gaps = Vec::new();
    for batch in lbs.chunks_mut(TAG_BATCH) {
        let arns: Vec<String> = batch.iter().map(|l| l.arn.clone()).collect();
        match elb
            .describe_tags()
            .set_resource_arns(Some(arns))
            .send()
            .await
        {
            Ok(answer) => {
                for d in answer.tag_descriptions() {
                    let Some(lb) = batch
                        .iter_mut()
                        .find(|l| Some(l.arn.as_str()) == d.resource_arn())
                    else {
                        continue;
                    };
                    lb.tags = crate::unit::tags(d.tags().iter().filter_map(|t| {
                        Some((
                            t.key()?.to_string(),
                            t.value().unwrap_or_default().to_string(),
                        ))
                    }));
                }
            }
            Err(e) => {
                gaps.push(ctx.gap("DescribeTags", &e));
                batch.iter_mut().for_each(|l| l.unknown.mark(Fact::Tags));
            }
        }
    }
    gaps
}
