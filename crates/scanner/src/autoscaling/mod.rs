//! EC2 Auto Scaling: groups with their zones, health checks, launch settings (and whether
//! what they launch requires IMDSv2) and scaling policies.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_autoscaling::types::{AutoScalingGroup as SdkGroup, LaunchTemplateSpecification};
use wellscan_model::{AutoscalingGroup, Fact};

use crate::unit::{Collected, Partial, UnitCtx, count};

/// DescribeLaunchConfigurations takes at most this many names.
const CONFIG_BATCH: usize = 50;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "autoscaling"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let asg = ctx.client::<aws_sdk_autoscaling::Client>();
    let mut out = Collected::default();
    let mut found = Vec::new();
    let read = ctx
        .pages(
            "DescribeAutoScalingGroups",
            asg.describe_auto_scaling_groups().into_paginator().send(),
            |page| found.extend(page.auto_scaling_groups().iter().cloned()),
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
    for (g, sdk) in groups.iter_mut().zip(&found) {
        if policies_read {
            g.scaling_policies = policies.get(&g.id).copied().unwrap_or(0);
        } else {
            g.unknown.mark(Fact::ScalingPolicies);
        }
        g.imds_v2_required = launch_key(sdk).and_then(|k| imds.get(&k).copied());
    }
    out.gaps.extend(after.gaps);
    out.depth += after.depth.max(1);
    out.found.extend(groups.into_iter().map(Into::into));
    out
}

fn group(ctx: &UnitCtx, g: &SdkGroup) -> Option<AutoscalingGroup> {
    let name = g.auto_scaling_group_name()?;
    let template = template(g);
    Some(AutoscalingGroup {
        id: name.to_string(),
        arn: g
            .auto_scaling_group_arn()
            .map(String::from)
            .unwrap_or_else(|| {
                ctx.arn(
                    "autoscaling",
                    &format!("autoScalingGroup:*:autoScalingGroupName/{name}"),
                )
            }),
        region: ctx.region.clone(),
        tags: crate::unit::tags(g.tags().iter().filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })),
        availability_zones: g.availability_zones().to_vec(),
        health_check_type: g.health_check_type().unwrap_or("EC2").to_string(),
        load_balancers: count(g.load_balancer_names().len() + g.target_group_arns().len()),
        min_size: g.min_size().unwrap_or(0),
        max_size: g.max_size().unwrap_or(0),
        desired_capacity: g.desired_capacity().unwrap_or(0),
        instances: count(g.instances().len()),
        launch_template: template.and_then(|t| {
            t.launch_template_name()
                .or(t.launch_template_id())
                .map(String::from)
        }),
        launch_configuration: g.launch_configuration_name().map(String::from),
        created_at: g.created_time().and_then(crate::unit::time),
        ..Default::default()
    })
}

/// Scaling policies per group, from one region-wide listing.
async fn policies(
    ctx: &UnitCtx,
    asg: &aws_sdk_autoscaling::Client,
) -> Partial<BTreeMap<String, u32>> {
    let mut counts = BTreeMap::new();
    let pages = asg.describe_policies().into_paginator().send();
    let read = ctx
        .pages("DescribePolicies", pages, |page| {
            for p in page.scaling_policies() {
                if let Some(name) = p.auto_scaling_group_name() {
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
fn template(g: &SdkGroup) -> Option<&LaunchTemplateSpecification> {
    g.launch_template().or_else(|| {
        g.mixed_instances_policy()
            .and_then(|m| m.launch_template())
            .and_then(|t| t.launch_template_specification())
    })
}

fn launch_key(g: &SdkGroup) -> Option<Launch> {
    if let Some(name) = g.launch_configuration_name() {
        return Some(Launch::Configuration(name.to_string()));
    }
    let t = template(g)?;
    Some(Launch::Template {
        id: t.launch_template_id().map(String::from),
        name: t.launch_template_name().map(String::from),
        version: t.version().unwrap_or("$Default").to_string(),
    })
}

/// Whether each launch configuration and template version requires IMDSv2. What could not be
/// read is left out (the group's `imds_v2_required` stays unknown) and becomes a gap.
async fn imds(
    ctx: &UnitCtx,
    asg: &aws_sdk_autoscaling::Client,
    groups: &[SdkGroup],
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
        let answer = asg
            .describe_launch_configurations()
            .set_launch_configuration_names(Some(batch.to_vec()))
            .send()
            .await;
        match answer {
            Ok(a) => {
                for c in a.launch_configurations() {
                    let required = c
                        .metadata_options()
                        .and_then(|m| m.http_tokens())
                        .is_some_and(|t| t.as_str() == "required");
                    if let Some(name) = c.launch_configuration_name() {
                        out.found
                            .insert(Launch::Configuration(name.to_string()), required);
                    }
                }
            }
            Err(e) => out.gaps.push(ctx.gap("DescribeLaunchConfigurations", &e)),
        }
    }
    let ec2 = ctx.client::<wellscan_aws::ec2::Client>();
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
