use aws_sdk_ec2::types::{HttpTokensState, Instance, InstanceStateName, MonitoringState};
use wellscan_model::{Ec2Instance, InstanceState};

use crate::unit::{Collected, UnitCtx, time};

/// DescribeInstances, every page.
#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ec2"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ec2 = ctx.client::<aws_sdk_ec2::Client>();
    let mut out = Collected::default();
    let read = ctx
        .pages(
            "DescribeInstances",
            ec2.describe_instances()
                .max_results(1000)
                .into_paginator()
                .send(),
            |page| {
                for instance in page.reservations().iter().flat_map(|r| r.instances()) {
                    if let Some(resource) = instance_of(ctx, instance) {
                        out.found.push(resource.into());
                    }
                }
            },
        )
        .await;
    out.absorb(read);
    out
}

fn instance_of(ctx: &UnitCtx, i: &Instance) -> Option<Ec2Instance> {
    let id = i.instance_id()?.to_string();
    let state = match i.state().and_then(|s| s.name()) {
        Some(InstanceStateName::Pending) => InstanceState::Pending,
        Some(InstanceStateName::Stopping) => InstanceState::Stopping,
        Some(InstanceStateName::Stopped) => InstanceState::Stopped,
        Some(InstanceStateName::ShuttingDown) => InstanceState::ShuttingDown,
        Some(InstanceStateName::Terminated) => InstanceState::Terminated,
        _ => InstanceState::Running,
    };
    Some(Ec2Instance {
        unknown: Default::default(),
        arn: ctx.arn("ec2", &format!("instance/{id}")),
        id,
        region: ctx.region.clone(),
        tags: super::tags(i.tags()),
        instance_type: i
            .instance_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        state,
        state_since: i.state_transition_reason().and_then(transition_time),
        launch_time: i.launch_time().and_then(time),
        availability_zone: i
            .placement()
            .and_then(|p| p.availability_zone())
            .unwrap_or_default()
            .to_string(),
        architecture: i
            .architecture()
            .map(|a| a.as_str().to_string())
            .unwrap_or_default(),
        platform: i.platform().map(|p| p.as_str().to_ascii_lowercase()),
        public_ip: i.public_ip_address().map(String::from),
        imds_v2_required: i
            .metadata_options()
            .and_then(|m| m.http_tokens())
            .is_some_and(|t| *t == HttpTokensState::Required),
        detailed_monitoring: i
            .monitoring()
            .and_then(|m| m.state())
            .is_some_and(|s| *s == MonitoringState::Enabled),
        iam_instance_profile: i
            .iam_instance_profile()
            .and_then(|p| p.arn())
            .map(String::from),
        vpc_id: i.vpc_id().map(String::from),
        volume_ids: i
            .block_device_mappings()
            .iter()
            .filter_map(|b| b.ebs()?.volume_id().map(String::from))
            .collect(),
        security_group_ids: i
            .security_groups()
            .iter()
            .filter_map(|g| g.group_id().map(String::from))
            .collect(),
        cpu: None,
    })
}

/// EC2 reports when an instance stopped only inside a sentence:
/// `User initiated (2024-01-31 10:00:00 GMT)`.
fn transition_time(reason: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let start = reason.find('(')? + 1;
    let end = reason[start..].find(" GMT)")? + start;
    chrono::NaiveDateTime::parse_from_str(&reason[start..end], "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_time_out_of_a_transition_reason() {
        let t = transition_time("User initiated (2024-01-31 10:00:00 GMT)").expect("a time");
        assert_eq!(t.to_rfc3339(), "2024-01-31T10:00:00+00:00");
        assert_eq!(transition_time(""), None);
    }
}
