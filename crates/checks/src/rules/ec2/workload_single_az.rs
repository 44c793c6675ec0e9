//! Workloads whose running instances all sit in one Availability Zone.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.workload_single_az",
        pillar: Pillar::Reliability,
        related: &[],
        best_practice: "REL10-BP01",
        reads: &["ec2:DescribeInstances"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "Workload runs in a single Availability Zone",
        action: "Spread each workload's instances over two or more AZs",
        remediation: "Run the workload's instances in at least two Availability Zones, ideally from an Auto Scaling group with subnets in each. Console: EC2 > Auto Scaling groups > Edit > Network > Availability Zones and subnets. CLI: aws autoscaling update-auto-scaling-group --region {region} --auto-scaling-group-name GROUP --vpc-zone-identifier subnet-a,subnet-b",
    },
    evaluate,
};

use std::collections::{BTreeMap, BTreeSet};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    // A workload is the instances sharing an Auto Scaling group, or else an Application tag.
    let mut workloads: BTreeMap<(&str, &str), Vec<(&Resource, &str)>> = BTreeMap::new();
    for (resource, i) in ctx.each(Resource::as_ec2_instance) {
        if i.state != InstanceState::Running {
            continue;
        }
        let name = ["aws:autoscaling:groupName", "Application"]
            .iter()
            .find_map(|k| i.tags.get(*k));
        if let Some(name) = name {
            workloads
                .entry((i.region.as_str(), name.as_str()))
                .or_default()
                .push((resource, i.availability_zone.as_str()));
        }
    }
    for ((_, name), members) in &workloads {
        if members.len() < 2 {
            continue;
        }
        let zones: BTreeSet<&str> = members.iter().map(|(_, az)| *az).collect();
        for (resource, az) in members {
            out.record(resource, zones.len() > 1, || {
                format!(
                    "all {} running instances of {name} are in {az}",
                    members.len()
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::Ec2Instance;

    fn inst(id: &str, app: &str, az: &str) -> Resource {
        Ec2Instance {
            id: id.into(),
            region: "us-east-1".into(),
            state: InstanceState::Running,
            availability_zone: az.into(),
            tags: [("Application".to_string(), app.to_string())].into(),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_workloads_of_two_or_more_instances_in_one_zone() {
        let fails = failing(
            &CHECK,
            vec![
                inst("i-a1", "billing", "us-east-1a"),
                inst("i-a2", "billing", "us-east-1a"),
                inst("i-b1", "web", "us-east-1a"),
                inst("i-b2", "web", "us-east-1b"),
                inst("i-c1", "batch", "us-east-1a"),
            ],
        );
        assert_eq!(fails, ["i-a1", "i-a2"]);
    }
}
