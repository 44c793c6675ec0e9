//! Managed node groups on Amazon Linux 2: AWS published the last EKS-optimised AL2 AMIs on
//! 2025-11-26 and builds none for Kubernetes 1.33 or later, so these nodes keep an operating
//! system that gets no more updates and cannot follow the cluster's upgrades.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks.nodegroup_al2_ami",
        pillar: Pillar::Sustainability,
        related: &[Pillar::Security, Pillar::OperationalExcellence],
        best_practice: "SUS06-BP03",
        reads: &["eks:DescribeNodegroup"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "EKS node group on Amazon Linux 2, past its end of support",
        action: "Move the node group to Amazon Linux 2023 or Bottlerocket",
        remediation: "Create a node group with an AL2023 (or Bottlerocket) AMI type beside this one, move the pods over by cordoning and draining the old nodes, then delete it. Console: EKS > Clusters > (cluster) > Compute > Add node group > AMI type. CLI: aws eks create-nodegroup --region {region} --cluster-name CLUSTER --nodegroup-name NAME --ami-type AL2023_x86_64_STANDARD --subnets SUBNET_IDS --node-role ROLE_ARN",
    },
    evaluate,
};

/// The day AWS published the last EKS-optimised Amazon Linux 2 AMIs.
const AL2_END_OF_SUPPORT: (i32, u32, u32) = (2025, 11, 26);

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let (y, m, d) = AL2_END_OF_SUPPORT;
    let Some(end) = chrono::NaiveDate::from_ymd_opt(y, m, d) else {
        return;
    };
    let ended = ctx.inventory.scanned_at.date_naive() > end;
    for (resource, n) in ctx.each(Resource::as_eks_nodegroup) {
        // `CUSTOM` (a launch template's own AMI) says nothing about the operating system.
        if n.ami_type.is_empty() || n.ami_type == "CUSTOM" {
            continue;
        }
        let al2 = n.ami_type.starts_with("AL2_");
        out.record(resource, !(al2 && ended), || {
            format!(
                "{} nodes on {}: Amazon Linux 2 AMIs for EKS ended on {end}",
                n.desired_size, n.ami_type
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eks::nodegroup;
    use crate::testing::*;

    #[test]
    fn flags_amazon_linux_2_node_groups_after_its_end_of_support() {
        let ami = |id: &str, ami: &str| nodegroup(id, |n| n.ami_type = ami.into());
        let fails = failing(
            &CHECK,
            vec![
                ami("prod/legacy", "AL2_x86_64"),
                ami("prod/gpu", "AL2_x86_64_GPU"),
                ami("prod/web", "AL2023_x86_64_STANDARD"),
                ami("prod/rocket", "BOTTLEROCKET_ARM_64"),
                ami("prod/own", "CUSTOM"),
            ],
        );
        assert_eq!(fails, ["prod/legacy", "prod/gpu"]);
    }

    #[test]
    fn amazon_linux_2_passed_while_it_was_supported() {
        let mut inventory = inventory(vec![nodegroup("prod/legacy", |n| {
            n.ami_type = "AL2_ARM_64".into()
        })]);
        inventory.scanned_at =
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2025, 6, 1, 0, 0, 0)
                .single()
                .expect("date");
        let out = run(&CHECK, &inventory);
        assert!(out.failures().is_empty());
        assert_eq!(out.evaluated(), 1);
    }
}
