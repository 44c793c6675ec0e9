//! EKS managed node groups on x86 instance families that have a Graviton (arm64) equivalent:
//! the same work for less energy and money, once the images are multi-architecture.

use wellscan_model::{Pillar, Resource, Severity};

use crate::rules::ec2::graviton_candidate::GRAVITON_EQUIVALENT;
use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks.nodegroup_graviton_candidate",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS05-BP02",
        reads: &["eks:DescribeNodegroup"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "EKS node group could run on Graviton",
        action: "Move the node group to Graviton instances",
        remediation: "Build the workloads' images for arm64 too (multi-architecture), create a node group with an ARM_64 AMI type and the Graviton families, move the pods over, then delete the x86 group. Console: EKS > Clusters > CLUSTER > Compute > Add node group. CLI: aws eks create-nodegroup --region {region} --cluster-name CLUSTER --nodegroup-name NODEGROUP-arm --ami-type AL2023_ARM_64_STANDARD --instance-types m7g.large --subnets SUBNET --node-role ROLE_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, n) in ctx.each(Resource::as_eks_nodegroup) {
        // Custom AMIs and empty type lists (launch templates) say nothing wellscan can judge.
        if !n.ami_type.contains("x86_64") || n.instance_types.is_empty() {
            continue;
        }
        let arm: Vec<String> = n
            .instance_types
            .iter()
            .filter_map(|t| {
                let (family, size) = t.split_once('.')?;
                GRAVITON_EQUIVALENT
                    .iter()
                    .find(|(x86, _)| *x86 == family)
                    .map(|(_, arm)| format!("{arm}.{size}"))
            })
            .collect();
        let portable = arm.len() == n.instance_types.len();
        out.record(resource, !portable, || {
            format!(
                "{} on {} could run as {}",
                n.ami_type,
                n.instance_types.join(", "),
                arm.join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eks::nodegroup;
    use crate::testing::failing;

    #[test]
    fn flags_x86_groups_whose_every_type_has_an_arm_twin() {
        let x86 = nodegroup("prod/web", |n| {
            n.ami_type = "AL2023_x86_64_STANDARD".into();
            n.instance_types = vec!["m5.large".into(), "c5.xlarge".into()];
        });
        let gpu = nodegroup("prod/ml", |n| {
            n.ami_type = "AL2023_x86_64_NVIDIA".into();
            n.instance_types = vec!["g5.xlarge".into()];
        });
        let arm = nodegroup("prod/api", |_| {});
        assert_eq!(failing(&CHECK, vec![x86, gpu, arm]), ["prod/web"]);
    }
}
