//! x86 instances whose family has a Graviton (arm64) equivalent using less energy per unit of work.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use super::family;
use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.graviton_candidate",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization, Pillar::PerformanceEfficiency],
        best_practice: "SUS05-BP02",
        reads: &["ec2:DescribeInstances"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "x86 instance has a Graviton equivalent",
        action: "Move suitable workloads to Graviton instances",
        remediation: "Check that the software runs on arm64 (most Linux distributions, runtimes and containers \
            do), then move to the Graviton family named in the evidence. Console: EC2 > Instances > {id} > Actions > \
            Instance settings > Change instance type. CLI: aws ec2 describe-instance-types --region {region} \
            --filters Name=processor-info.supported-architecture,Values=arm64",
    },
    evaluate,
};

/// x86 families and their Graviton counterparts.
pub(crate) const GRAVITON_EQUIVALENT: &[(&str, &str)] = &[
    ("t2", "t4g"),
    ("t3", "t4g"),
    ("t3a", "t4g"),
    ("m4", "m7g"),
    ("m5", "m7g"),
    ("m5a", "m7g"),
    ("m6i", "m7g"),
    ("c4", "c7g"),
    ("c5", "c7g"),
    ("c6i", "c7g"),
    ("r4", "r7g"),
    ("r5", "r7g"),
    ("r6i", "r7g"),
];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, instance) in ctx.each(Resource::as_ec2_instance) {
        if instance.state != InstanceState::Running
            || instance.platform.as_deref() == Some("windows")
        {
            continue;
        }
        let fam = family(&instance.instance_type);
        match GRAVITON_EQUIVALENT.iter().find(|(x86, _)| *x86 == fam) {
            Some((_, arm)) if instance.architecture != "arm64" => out.fail(
                resource,
                format!(
                    "{} ({}) could run as {arm}",
                    instance.instance_type, instance.architecture
                ),
            ),
            _ => out.pass(),
        }
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Ec2Instance;

    use super::*;
    use crate::testing::failing;

    fn instance(
        id: &str,
        instance_type: &str,
        architecture: &str,
        platform: Option<&str>,
    ) -> Resource {
        Ec2Instance {
            id: id.into(),
            instance_type: instance_type.into(),
            architecture: architecture.into(),
            platform: platform.map(String::from),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_linux_x86_with_an_arm_equivalent() {
        let fails = failing(
            &CHECK,
            vec![
                instance("i-m5", "m5.large", "x86_64", None),
                instance("i-m7g", "m7g.large", "arm64", None),
                instance("i-windows", "m5.large", "x86_64", Some("windows")),
                instance("i-gpu", "p3.2xlarge", "x86_64", None),
            ],
        );
        assert_eq!(fails, ["i-m5"]);
    }
}
