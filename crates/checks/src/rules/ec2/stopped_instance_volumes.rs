//! Instances stopped for weeks whose volumes are still billed.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.stopped_instance_volumes",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP03",
        reads: &["ec2:DescribeInstances", "ec2:DescribeVolumes"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Reduces,
        title: "Stopped instance still pays for its volumes",
        action: "Snapshot and terminate long-stopped instances",
        remediation: "If the instance is not coming back, create an AMI or snapshots and terminate it. Console: EC2 > Instances > {id} > Image and templates > Create image, then Instance state > Terminate. CLI: aws ec2 create-image --region {region} --instance-id {id} --name {id}-final && aws ec2 terminate-instances --region {region} --instance-ids {id}",
    },
    evaluate,
};

/// Stopped longer than this, an instance is probably not coming back.
const STOPPED_DAYS: i64 = 30;

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let volumes: std::collections::HashMap<(&str, &str), &wellscan_model::EbsVolume> = ctx
        .each(Resource::as_ebs_volume)
        .map(|(_, v)| ((v.region.as_str(), v.id.as_str()), v))
        .collect();
    for (resource, i) in ctx.each(Resource::as_ec2_instance) {
        if i.state != InstanceState::Stopped {
            continue;
        }
        match ctx.days_since(i.state_since) {
            Some(days) if days > STOPPED_DAYS => {
                let attached: Vec<_> = i
                    .volume_ids
                    .iter()
                    .filter_map(|id| volumes.get(&(i.region.as_str(), id.as_str())))
                    .collect();
                let gib: u32 = attached.iter().map(|v| v.size_gib).sum();
                let cost: f64 = attached
                    .iter()
                    .map(|v| {
                        ctx.prices
                            .ebs_monthly(&v.volume_type, v.size_gib, v.iops, &v.region)
                    })
                    .sum();
                out.fail_with_savings(
                    resource,
                    format!(
                        "stopped for {} with {} ({gib} GiB) still billed",
                        crate::days(days),
                        wellscan_model::count(attached.len(), "volume", "volumes")
                    ),
                    Some(cost),
                );
            }
            _ => out.pass(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{EbsVolume, Ec2Instance};

    #[test]
    fn flags_long_stopped_instances_with_their_volume_cost() {
        let inst = |id: &str, days: i64| -> Resource {
            Ec2Instance {
                id: id.into(),
                region: "us-east-1".into(),
                state: InstanceState::Stopped,
                state_since: days_ago(days),
                volume_ids: vec![format!("vol-{id}")],
                ..Default::default()
            }
            .into()
        };
        let vol = |id: &str| -> Resource {
            EbsVolume {
                id: format!("vol-{id}"),
                region: "us-east-1".into(),
                volume_type: "gp3".into(),
                size_gib: 50,
                state: "in-use".into(),
                ..Default::default()
            }
            .into()
        };
        let out = outcome(
            &CHECK,
            vec![
                inst("i-long", 90),
                inst("i-brief", 2),
                vol("i-long"),
                vol("i-brief"),
            ],
        );
        assert_eq!(out.failures().len(), 1);
        assert_eq!(out.failures()[0].resource_id(), "i-long");
        assert_eq!(out.failures()[0].monthly_savings_usd(), Some(4.0));
    }
}
