//! Instances on previous-generation families, slower and dearer than their successors.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use super::family;
use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.previous_generation_instance",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::CostOptimization, Pillar::Sustainability],
        best_practice: "PERF02-BP01",
        reads: &["ec2:DescribeInstances"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Instance runs on a previous-generation family",
        action: "Move to a current-generation instance family",
        remediation: "Stop the instance, change its type to the current generation of the same family \
            (m4 → m6i or m7g, c4 → c6i or c7g, t2 → t3 or t4g, r4 → r6i), and start it. Console: EC2 > Instances > \
            {id} > Actions > Instance settings > Change instance type. CLI: aws ec2 modify-instance-attribute \
            --region {region} --instance-id {id} --instance-type Value=m6i.large",
    },
    evaluate,
};

/// Families AWS lists as previous generation.
pub(crate) const PREVIOUS_GENERATION: &[&str] = &[
    "t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "r3", "r4", "i2", "d2", "g2", "g3", "p2",
    "x1",
];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, instance) in ctx.each(Resource::as_ec2_instance) {
        if instance.state == InstanceState::Terminated {
            continue;
        }
        let fam = family(&instance.instance_type);
        out.record(resource, !PREVIOUS_GENERATION.contains(&fam), || {
            format!(
                "instance type {} is of the previous-generation {fam} family",
                instance.instance_type
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Ec2Instance;

    use super::*;
    use crate::testing::failing;

    fn instance(id: &str, instance_type: &str) -> Resource {
        Ec2Instance {
            id: id.into(),
            instance_type: instance_type.into(),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_previous_generation_families_only() {
        let fails = failing(
            &CHECK,
            vec![
                instance("i-m4", "m4.large"),
                instance("i-t2", "t2.micro"),
                instance("i-m5", "m5.large"),
                instance("i-m7g", "m7g.large"),
            ],
        );
        assert_eq!(fails, ["i-m4", "i-t2"]);
    }
}
