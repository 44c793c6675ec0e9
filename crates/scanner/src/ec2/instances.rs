use wellscan_aws::query::Element;

use super::Ec2;
use wellscan_model::{Ec2Instance, InstanceState};

use crate::unit::{Collected, UnitCtx};

/// DescribeInstances, every page.
#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "ec2"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ec2 = ctx.client::<Ec2>();
    let mut out = Collected::default();
    let read = super::pages(
        ctx,
        &ec2,
        "DescribeInstances",
        &[("MaxResults", "1000")],
        |page| {
            for instance in page
                .items("reservationSet")
                .flat_map(|r| r.items("instancesSet"))
            {
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

fn instance_of(ctx: &UnitCtx, i: &Element) -> Option<Ec2Instance> {
    let id = i.text("instanceId")?.to_string();
    let state = match i.child("instanceState").and_then(|s| s.text("name")) {
        Some("pending") => InstanceState::Pending,
        Some("stopping") => InstanceState::Stopping,
        Some("stopped") => InstanceState::Stopped,
        Some("shutting-down") => InstanceState::ShuttingDown,
        Some("terminated") => InstanceState::Terminated,
        _ => InstanceState::Running,
    };
    let text = |name| i.text(name).map(String::from);
    Some(Ec2Instance {
        unknown: Default::default(),
        arn: ctx.arn("ec2", &format!("instance/{id}")),
        id,
        region: ctx.region.clone(),
        tags: super::tags(i),
        instance_type: text("instanceType").unwrap_or_default(),
        state,
        state_since: i.text("reason").and_then(transition_time),
        launch_time: crate::query::time(i, "launchTime"),
        availability_zone: i
            .child("placement")
            .and_then(|p| p.text("availabilityZone"))
            .unwrap_or_default()
            .to_string(),
        architecture: text("architecture").unwrap_or_default(),
        platform: i.text("platform").map(str::to_ascii_lowercase),
        public_ip: text("ipAddress"),
        imds_v2_required: i
            .child("metadataOptions")
            .and_then(|m| m.text("httpTokens"))
            == Some("required"),
        detailed_monitoring: i.child("monitoring").and_then(|m| m.text("state")) == Some("enabled"),
        iam_instance_profile: i
            .child("iamInstanceProfile")
            .and_then(|p| p.text("arn"))
            .map(String::from),
        vpc_id: text("vpcId"),
        volume_ids: i
            .items("blockDeviceMapping")
            .filter_map(|b| b.child("ebs")?.text("volumeId").map(String::from))
            .collect(),
        security_group_ids: i
            .items("groupSet")
            .filter_map(|g| g.text("groupId").map(String::from))
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
