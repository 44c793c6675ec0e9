//! EC2 Auto Scaling: groups with their zones, health checks, launch settings (and whether
//! what they launch requires IMDSv2) and scaling policies.

use std::collections::{BTreeMap, BTreeSet};

use wellscan_aws::query::{self, Element};
use wellscan_model::{AutoscalingGroup, Fact};

use crate::query::{NEXT_TOKEN, borrowed, members};
use crate::unit::{Collected, Partial, UnitCtx, count};

/// EC2 Auto Scaling's client.
type AutoScaling = query::Client<query::AutoScaling>;

/// DescribeLaunchConfigurations takes at most this many names.
const CONFIG_BATCH: usize = 50;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "autoscaling"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let asg = ctx.client::<AutoScaling>();
    let mut out = Collected::default();
    let mut found = Vec::new();
    let read = crate::query::pages(
        ctx,
        &asg,
        "DescribeAutoScalingGroups",
        &[],
        NEXT_TOKEN,
        |page| found.extend(page.items("AutoScalingGroups").cloned()),
    )
    .await;
    out.absorb(read);
    if found.is_empty() {
        return out;
    }
    let mut groups: Vec<AutoscalingGroup> = found.iter().filter_map(|g| group(ctx, g)).collect();
    let (policies, imds) = tokio::join!(policies(ctx, &asg), imds(ctx, &asg, &found));
    let policies_read = policies.whole();
    // Both follow the group listing, side by side.
    let mut after = Partial::of(());
    let policies = after.absorb(policies);
    let imds = after.absorb(imds);
    for (g, listed) in groups.iter_mut().zip(&found) {
        if policies_read {
            g.scaling_policies = policies.get(&g.id).copied().unwrap_or(0);
        } else {
            g.unknown.mark(Fact::ScalingPolicies);
        }
        g.imds_v2_required = launch_key(listed).and_then(|k| imds.get(&k).copied());
    }
    out.gaps.extend(after.gaps);
    out.depth += after.depth.max(1);
    out.found.extend(groups.into_iter().map(Into::into));
    out
}

fn group(ctx: &UnitCtx, g: &Element) -> Option<AutoscalingGroup> {
    let name = g.text("AutoScalingGroupName")?;
    let template = template(g);
    let size = |field: &str| {
        g.int(field)
            .and_then(|n| i32::try_from(n).ok())
            .unwrap_or(0)
    };
    Some(AutoscalingGroup {
        id: name.to_string(),
        arn: g
            .text("AutoScalingGroupARN")
            .map(String::from)
            .unwrap_or_else(|| {
                ctx.arn(
                    "autoscaling",
                    &format!("autoScalingGroup:*:autoScalingGroupName/{name}"),
                )
            }),
        region: ctx.region.clone(),
        tags: crate::unit::tags(g.pairs("Tags", "Key", "Value")),
        availability_zones: g.texts("AvailabilityZones").map(String::from).collect(),
        health_check_type: g.text("HealthCheckType").unwrap_or("EC2").to_string(),
        load_balancers: count(
            g.items("LoadBalancerNames").count() + g.items("TargetGroupARNs").count(),
        ),
        min_size: size("MinSize"),
        max_size: size("MaxSize"),
        desired_capacity: size("DesiredCapacity"),
        instances: count(g.items("Instances").count()),
        launch_template: template.and_then(|t| {
            t.text("LaunchTemplateName")
                .or(t.text("LaunchTemplateId"))
                .map(String::from)
        }),
        launch_configuration: g.text("LaunchConfigurationName").map(String::from),
        created_at: crate::query::time(g, "CreatedTime"),
        ..Default::default()
    })
}

/// Scaling policies per group, from one region-wide listing.
async fn policies(ctx: &UnitCtx, asg: &AutoScaling) -> Partial<BTreeMap<String, u32>> {
    let mut counts = BTreeMap::new();
    let read = crate::query::pages(ctx, asg, "DescribePolicies", &[], NEXT_TOKEN, |page| {
        for p in page.items("ScalingPolicies") {
            if let Some(name) = p.text("AutoScalingGroupName") {
                *counts.entry(name.to_string()).or_default() += 1;
            }
        }
    })
    .await;
    read.map(|()| counts)
}

/// Where a group's instances take their launch settings from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Launch {
    Configuration(String),
    /// Template id or name, and version (`$Default` when none is set).
    Template {
        id: Option<String>,
        name: Option<String>,
        version: String,
    },
}

/// The group's launch template, set directly or in a mixed-instances policy.
fn template(g: &Element) -> Option<&Element> {
    g.child("LaunchTemplate").or_else(|| {
        g.child("MixedInstancesPolicy")
            .and_then(|m| m.child("LaunchTemplate"))
            .and_then(|t| t.child("LaunchTemplateSpecification"))
    })
}

fn launch_key(g: &Element) -> Option<Launch> {
    if let Some(name) = g.text("LaunchConfigurationName") {
        return Some(Launch::Configuration(name.to_string()));
    }
    let t = template(g)?;
    Some(Launch::Template {
        id: t.text("LaunchTemplateId").map(String::from),
        name: t.text("LaunchTemplateName").map(String::from),
        version: t.text("Version").unwrap_or("$Default").to_string(),
    })
}

/// Whether each launch configuration and template version requires IMDSv2. What could not be
/// read is left out (the group's `imds_v2_required` stays unknown) and becomes a gap.
async fn imds(
    ctx: &UnitCtx,
    asg: &AutoScaling,
    groups: &[Element],
) -> Partial<BTreeMap<Launch, bool>> {
    let keys: BTreeSet<Launch> = groups.iter().filter_map(launch_key).collect();
    let mut out = Partial::of(BTreeMap::new());
    let configs: Vec<String> = keys
        .iter()
        .filter_map(|k| match k {
            Launch::Configuration(name) => Some(name.clone()),
            Launch::Template { .. } => None,
        })
        .collect();
    // One call after the other: each is a link in the chain.
    for batch in configs.chunks(CONFIG_BATCH) {
        out.depth += 1;
        let params = members("LaunchConfigurationNames", batch);
        let answer = asg
            .call("DescribeLaunchConfigurations", &borrowed(&params))
            .await;
        match answer {
            Ok(a) => {
                for c in a.items("LaunchConfigurations") {
                    let required = c
                        .child("MetadataOptions")
                        .and_then(|m| m.text("HttpTokens"))
                        == Some("required");
                    if let Some(name) = c.text("LaunchConfigurationName") {
                        out.found
                            .insert(Launch::Configuration(name.to_string()), required);
                    }
                }
            }
            Err(e) => out.gaps.push(ctx.gap("DescribeLaunchConfigurations", &e)),
        }
    }
    let ec2 = ctx.client::<crate::ec2::Ec2>();
    for key in keys {
        let Launch::Template { id, name, version } = &key else {
            continue;
        };
        out.depth += 1;
        let template = match (id, name) {
            (Some(id), _) => ("LaunchTemplateId", id.as_str()),
            (None, Some(name)) => ("LaunchTemplateName", name.as_str()),
            (None, None) => {
                out.gaps.push(ctx.unread(
                    "DescribeLaunchTemplateVersions",
                    "a group names its launch template by neither id nor name",
                ));
                continue;
            }
        };
        let answer = ec2
            .call(
                "DescribeLaunchTemplateVersions",
                &[template, ("LaunchTemplateVersion.1", version.as_str())],
            )
            .await;
        match answer {
            Ok(a) => {
                if let Some(v) = a.items("launchTemplateVersionSet").next() {
                    let required = v
                        .child("launchTemplateData")
                        .and_then(|d| d.child("metadataOptions"))
                        .and_then(|m| m.text("httpTokens"))
                        == Some("required");
                    out.found.insert(key, required);
                }
            }
            Err(e) => out.gaps.push(ctx.gap("DescribeLaunchTemplateVersions", &e)),
        }
    }
    out
}
