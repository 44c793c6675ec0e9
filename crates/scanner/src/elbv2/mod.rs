//! Elastic Load Balancing (v2): application, network and gateway load balancers with their
//! listeners, attributes, target health and tags.

use wellscan_aws::query::{self, Element};
use wellscan_model::{CoverageGap, Fact, Listener, LoadBalancer, TargetGroupHealth};

use crate::query::{NEXT_MARKER, borrowed, members, text};
use crate::unit::{Collected, Partial, UnitCtx, count};

/// The Elastic Load Balancing (v2) API's client.
type Client = query::Client<query::Elbv2>;

/// DescribeTags takes at most this many ARNs.
const TAG_BATCH: usize = 20;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "elbv2"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let elb = ctx.client::<Client>();
    let mut out = Collected::default();
    let mut found = Vec::new();
    let read = crate::query::pages(
        ctx,
        &elb,
        "DescribeLoadBalancers",
        &[],
        NEXT_MARKER,
        |page| found.extend(page.items("LoadBalancers").cloned()),
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
async fn load_balancer(ctx: &UnitCtx, elb: &Client, lb: Element) -> Partial<Option<LoadBalancer>> {
    let (Some(arn), Some(name)) = (lb.text("LoadBalancerArn"), lb.text("LoadBalancerName")) else {
        return Partial::called(None, Vec::new());
    };
    let mut out = LoadBalancer {
        id: name.to_string(),
        arn: arn.to_string(),
        region: ctx.region.clone(),
        lb_type: text(&lb, "Type"),
        scheme: text(&lb, "Scheme"),
        availability_zones: lb
            .items("AvailabilityZones")
            .filter_map(|z| z.text("ZoneName").map(String::from))
            .collect(),
        created_at: crate::query::time(&lb, "CreatedTime"),
        ..Default::default()
    };
    let by_arn = [("LoadBalancerArn", arn)];
    let (listeners, attributes, groups) = tokio::join!(
        listeners(ctx, elb, arn),
        elb.call("DescribeLoadBalancerAttributes", &by_arn),
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
                a.pairs("Attributes", "Key", "Value")
                    .any(|(k, v)| k == key && v == "true")
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
    let by_arn = [("LoadBalancerArn", arn)];
    let mut out = crate::query::list(
        ctx,
        elb,
        "DescribeListeners",
        &by_arn,
        NEXT_MARKER,
        |page| {
            page.items("Listeners")
                .map(|l| Listener {
                    port: l
                        .int("Port")
                        .and_then(|p| u16::try_from(p).ok())
                        .unwrap_or(0),
                    protocol: text(l, "Protocol"),
                    ssl_policy: l.text("SslPolicy").map(String::from),
                    redirects_to_https: l.items("DefaultActions").any(|a| {
                        a.text("Type") == Some("redirect")
                            && a.child("RedirectConfig")
                                .and_then(|r| r.text("Protocol"))
                                .is_some_and(|p| p.eq_ignore_ascii_case("HTTPS"))
                    }),
                    default_action: terminal_action(l),
                })
                .collect()
        },
    )
    .await;
    out.found.sort_by_key(|l| l.port);
    out
}

/// The type of the action that ends a listener's default actions (the one with the highest
/// `Order`; `authenticate-*` steps come before it).
fn terminal_action(listener: &Element) -> Option<String> {
    listener
        .items("DefaultActions")
        .enumerate()
        .max_by_key(|(i, a)| (a.int("Order").unwrap_or(0), *i))
        .and_then(|(_, a)| a.text("Type"))
        .map(String::from)
}

/// The load balancer's target groups, each with how many of its targets are healthy.
async fn target_groups(ctx: &UnitCtx, elb: &Client, arn: &str) -> Partial<Vec<TargetGroupHealth>> {
    let by_arn = [("LoadBalancerArn", arn)];
    let mut read = crate::query::list(
        ctx,
        elb,
        "DescribeTargetGroups",
        &by_arn,
        NEXT_MARKER,
        |page| {
            page.items("TargetGroups")
                .filter_map(|g| {
                    Some((
                        g.text("TargetGroupArn")?.to_string(),
                        text(g, "TargetGroupName"),
                        // Absent means the default, which is on for every target type but Lambda.
                        g.bool("HealthCheckEnabled")
                            .unwrap_or(g.text("TargetType") != Some("lambda")),
                    ))
                })
                .collect()
        },
    )
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
            .call("DescribeTargetHealth", &[("TargetGroupArn", &group_arn)])
            .await
        {
            Ok(health) => health,
            Err(e) => {
                read.gaps.push(ctx.gap("DescribeTargetHealth", &e));
                break;
            }
        };
        let targets: Vec<&Element> = health.items("TargetHealthDescriptions").collect();
        let matching = |down: fn(&str, &str) -> bool| {
            count(
                targets
                    .iter()
                    .filter(|t| {
                        let health = t.child("TargetHealth");
                        let state = health.and_then(|h| h.text("State")).unwrap_or("");
                        let reason = health.and_then(|h| h.text("Reason")).unwrap_or("");
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
        let params = members("ResourceArns", &arns);
        match elb.call("DescribeTags", &borrowed(&params)).await {
            Ok(answer) => {
                for d in answer.items("TagDescriptions") {
                    let Some(lb) = batch
                        .iter_mut()
                        .find(|l| Some(l.arn.as_str()) == d.text("ResourceArn"))
                    else {
                        continue;
                    };
                    lb.tags = crate::unit::tags(d.pairs("Tags", "Key", "Value"));
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
