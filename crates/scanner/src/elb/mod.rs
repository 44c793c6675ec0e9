//! Classic Load Balancers: listeners and the security policy of each TLS one, zones, access
//! logs, cross-zone balancing, connection draining, instance health and tags.

use wellscan_aws::query::{self, Element};
use wellscan_model::{ClassicListener, ClassicLoadBalancer, Fact};

use crate::query::{NEXT_MARKER, borrowed, members, time};
use crate::unit::{Collected, Partial, UnitCtx};

/// The Classic Load Balancer API's client.
type Elb = query::Client<query::Elb>;

/// The most load balancers one DescribeTags takes.
const TAGS_PER_CALL: usize = 20;
/// The policy attribute naming the predefined security policy a TLS listener uses.
const REFERENCE_POLICY: &str = "Reference-Security-Policy";

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "elb"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let elb = ctx.client::<Elb>();
    let listed = crate::query::list(
        ctx,
        &elb,
        "DescribeLoadBalancers",
        &[],
        NEXT_MARKER,
        |page| page.items("LoadBalancerDescriptions").cloned().collect(),
    )
    .await;
    let mut out = Collected::of(Vec::new());
    let found = out.absorb(listed);
    if found.is_empty() {
        return out;
    }
    let names: Vec<String> = found
        .iter()
        .filter_map(|l| l.text("LoadBalancerName").map(String::from))
        .collect();
    let elb = &elb;
    let (described, tagged) = tokio::join!(
        ctx.fan_out(found, |lb| describe(ctx, elb, lb)),
        ctx.fan_out(
            names
                .chunks(TAGS_PER_CALL)
                .map(<[String]>::to_vec)
                .collect(),
            |batch| async move {
                let params = members("LoadBalancerNames", &batch);
                elb.call("DescribeTags", &borrowed(&params)).await
            }
        ),
    );
    let mut tags = std::collections::BTreeMap::new();
    let mut tags_read = true;
    for answer in tagged {
        match answer {
            Ok(t) => {
                for d in t.items("TagDescriptions") {
                    if let Some(name) = d.text("LoadBalancerName") {
                        tags.insert(
                            name.to_string(),
                            crate::unit::tags(d.pairs("Tags", "Key", "Value")),
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
async fn describe(ctx: &UnitCtx, elb: &Elb, d: Element) -> Partial<Option<ClassicLoadBalancer>> {
    let Some(name) = d.text("LoadBalancerName").map(String::from) else {
        return Partial::called(None, Vec::new());
    };
    let protocol = |l: &Element| {
        l.child("Listener")
            .and_then(|l| l.text("Protocol"))
            .map(str::to_ascii_uppercase)
    };
    let tls = d
        .items("ListenerDescriptions")
        .any(|l| matches!(protocol(l).as_deref(), Some("HTTPS" | "SSL")));
    let by_name = [("LoadBalancerName", name.as_str())];
    let policies = async {
        match tls {
            true => Some(elb.call("DescribeLoadBalancerPolicies", &by_name).await),
            false => None,
        }
    };
    let (attributes, health, policies) = tokio::join!(
        elb.call("DescribeLoadBalancerAttributes", &by_name),
        elb.call("DescribeInstanceHealth", &by_name),
        policies,
    );
    let mut lb = ClassicLoadBalancer {
        arn: ctx.arn("elasticloadbalancing", &format!("loadbalancer/{name}")),
        id: name,
        region: ctx.region.clone(),
        scheme: d.text("Scheme").unwrap_or("internet-facing").to_string(),
        availability_zones: d.texts("AvailabilityZones").map(String::from).collect(),
        instances: crate::unit::count(d.items("Instances").count()),
        created_at: time(&d, "CreatedTime"),
        ..Default::default()
    };
    let mut gaps = Vec::new();
    match attributes {
        Ok(a) => {
            let enabled = |name: &str| {
                a.child("LoadBalancerAttributes")
                    .and_then(|a| a.child(name))
                    .and_then(|c| c.bool("Enabled"))
                    .unwrap_or(false)
            };
            lb.access_logs = enabled("AccessLog");
            lb.cross_zone = enabled("CrossZoneLoadBalancing");
            lb.connection_draining = enabled("ConnectionDraining");
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
                h.items("InstanceStates")
                    .filter(|s| s.text("State") == Some("InService"))
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
            for policy in p.items("PolicyDescriptions") {
                let reference = policy
                    .items("PolicyAttributeDescriptions")
                    .find(|a| a.text("AttributeName") == Some(REFERENCE_POLICY))
                    .and_then(|a| a.text("AttributeValue"));
                if let (Some(name), Some(reference)) = (policy.text("PolicyName"), reference) {
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
        .items("ListenerDescriptions")
        .filter_map(|l| {
            let listener = l.child("Listener")?;
            Some(ClassicListener {
                protocol: protocol(l)?,
                port: listener
                    .int("LoadBalancerPort")
                    .and_then(|p| i32::try_from(p).ok())
                    .unwrap_or_default(),
                tls_policy: l
                    .texts("PolicyNames")
                    .find_map(|p| references.get(p).cloned()),
            })
        })
        .collect();
    Partial::called(Some(lb), gaps)
}
