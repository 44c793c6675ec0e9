//! Classic Load Balancers: listeners and the security policy of each TLS one, zones, access
//! logs, cross-zone balancing, connection draining, instance health and tags.

use aws_sdk_elasticloadbalancing::types::LoadBalancerDescription;
use wellscan_model::{ClassicListener, ClassicLoadBalancer, Fact};

use crate::unit::{Collected, Partial, UnitCtx, time};

/// The most load balancers one DescribeTags takes.
const TAGS_PER_CALL: usize = 20;
/// The policy attribute naming the predefined security policy a TLS listener uses.
const REFERENCE_POLICY: &str = "Reference-Security-Policy";

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "elb"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let elb = ctx.client::<aws_sdk_elasticloadbalancing::Client>();
    let listed = ctx
        .list(
            "DescribeLoadBalancers",
            elb.describe_load_balancers().into_paginator().send(),
            |page| page.load_balancer_descriptions().to_vec(),
        )
        .await;
    let mut out = Collected::of(Vec::new());
    let found = out.absorb(listed);
    if found.is_empty() {
        return out;
    }
    let names: Vec<String> = found
        .iter()
        .filter_map(|l| l.load_balancer_name().map(String::from))
        .collect();
    let elb = &elb;
    let (described, tagged) = tokio::join!(
        ctx.fan_out(found, |lb| describe(ctx, elb, lb)),
        ctx.fan_out(
            names
                .chunks(TAGS_PER_CALL)
                .map(<[String]>::to_vec)
                .collect(),
            |batch| elb
                .describe_tags()
                .set_load_balancer_names(Some(batch))
                .send()
        ),
    );
    let mut tags = std::collections::BTreeMap::new();
    let mut tags_read = true;
    for answer in tagged {
        match answer {
            Ok(t) => {
                for d in t.tag_descriptions() {
                    if let Some(name) = d.load_balancer_name() {
                        tags.insert(
                            name.to_string(),
                            crate::unit::tags(
                                d.tags()
                                    .iter()
                                    .map(|t| (t.key(), t.value().unwrap_or_default())),
                            ),
                        );
                    }
                }
            }
            Err(e) => {
                tags_read = false;
                out.gaps.push(ctx.gap("DescribeTags", &e));
            }
        }
    }
    let mut longest = 1;
    for mut part in described {
        longest = longest.max(part.depth);
        out.gaps.append(&mut part.gaps);
        if let Some(mut lb) = part.found {
            match tags.remove(&lb.id) {
                Some(t) => lb.tags = t,
                None if !tags_read => lb.unknown.mark(Fact::Tags),
                None => {}
            }
            out.push(lb);
        }
    }
    out.depth += longest;
    out
}

/// Attributes, instance health and (for TLS listeners) policies, side by side.
async fn describe(
    ctx: &UnitCtx,
    elb: &aws_sdk_elasticloadbalancing::Client,
    d: LoadBalancerDescription,
) -> Partial<Option<ClassicLoadBalancer>> {
    let Some(name) = d.load_balancer_name().map(String::from) else {
        return Partial::called(None, Vec::new());
    };
    let tls = d.listener_descriptions().iter().any(|l| {
        l.listener()
            .is_some_and(|l| matches!(l.protocol().to_ascii_uppercase().as_str(), "HTTPS" | "SSL"))
    });
    let policies = async {
        match tls {
            true => Some(
                elb.describe_load_balancer_policies()
                    .load_balancer_name(&name)
                    .send()
                    .await,
            ),
            false => None,
        }
    };
    let (attributes, health, policies) = tokio::join!(
        elb.describe_load_balancer_attributes()
            .load_balancer_name(&name)
            .send(),
        elb.describe_instance_health()
            .load_balancer_name(&name)
            .send(),
        policies,
    );
    let mut lb = ClassicLoadBalancer {
        arn: ctx.arn("elasticloadbalancing", &format!("loadbalancer/{name}")),
        id: name,
        region: ctx.region.clone(),
        scheme: d.scheme().unwrap_or("internet-facing").to_string(),
        availability_zones: d.availability_zones().to_vec(),
        instances: crate::unit::count(d.instances().len()),
        created_at: d.created_time().and_then(time),
        ..Default::default()
    };
    let mut gaps = Vec::new();
    match attributes {
        Ok(a) => {
            let a = a.load_balancer_attributes();
            lb.access_logs = a.and_then(|a| a.access_log()).is_some_and(|l| l.enabled());
            lb.cross_zone = a
                .and_then(|a| a.cross_zone_load_balancing())
                .is_some_and(|c| c.enabled());
            lb.connection_draining = a
                .and_then(|a| a.connection_draining())
                .is_some_and(|c| c.enabled());
        }
        Err(e) => {
            gaps.push(ctx.gap("DescribeLoadBalancerAttributes", &e));
            for fact in [Fact::AccessLogs, Fact::CrossZone, Fact::ConnectionDraining] {
                lb.unknown.mark(fact);
            }
        }
    }
    match health {
        Ok(h) => {
            lb.healthy_instances = crate::unit::count(
                h.instance_states()
                    .iter()
                    .filter(|s| s.state() == Some("InService"))
                    .count(),
            )
        }
        Err(e) => {
            gaps.push(ctx.gap("DescribeInstanceHealth", &e));
            lb.unknown.mark(Fact::InstanceHealth);
        }
    }
    // Policy name → the predefined security policy it references.
    let mut references = std::collections::BTreeMap::new();
    match policies {
        Some(Ok(p)) => {
            for policy in p.policy_descriptions() {
                let reference = policy
                    .policy_attribute_descriptions()
                    .iter()
                    .find(|a| a.attribute_name() == Some(REFERENCE_POLICY))
                    .and_then(|a| a.attribute_value());
                if let (Some(name), Some(reference)) = (policy.policy_name(), reference) {
                    references.insert(name.to_string(), reference.to_string());
                }
            }
        }
        Some(Err(e)) => {
            gaps.push(ctx.gap("DescribeLoadBalancerPolicies", &e));
            lb.unknown.mark(Fact::TlsPolicy);
        }
        None => {}
    }
    lb.listeners = d
        .listener_descriptions()
        .iter()
        .filter_map(|l| {
            let listener = l.listener()?;
            Some(ClassicListener {
                protocol: listener.protocol().to_ascii_uppercase(),
                port: listener.load_balancer_port(),
                tls_policy: l
                    .policy_names()
                    .iter()
                    .find_map(|p| references.get(p).cloned()),
            })
        })
        .collect();
    Partial::called(Some(lb), gaps)
}
