//! Non-production node groups that buy only On-Demand capacity: development and test clusters
//! tolerate a node being reclaimed, and Spot capacity costs up to 90% less.

use std::collections::HashMap;

use wellscan_model::{Pillar, Resource, Severity, Tags};

use crate::rules::is_non_production;
use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks.nodegroup_on_demand_non_production",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST07-BP04",
        reads: &["eks:DescribeCluster", "eks:DescribeNodegroup"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Non-production EKS node group runs on On-Demand capacity only",
        action: "Run non-production node groups on Spot capacity",
        remediation: "Create a Spot node group with several instance types of the same size (so one reclaimed type does not empty it), move the workloads over, then delete the On-Demand group. Console: EKS > Clusters > (cluster) > Compute > Add node group > Capacity type: Spot. CLI: aws eks create-nodegroup --region {region} --cluster-name CLUSTER --nodegroup-name NAME --capacity-type SPOT --instance-types m6i.large m5.large m5a.large --subnets SUBNET_IDS --node-role ROLE_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    // A node group is non-production when it, or its cluster, is tagged so.
    let clusters: HashMap<(&str, &str), &Tags> = ctx
        .each(Resource::as_eks_cluster)
        .map(|(_, c)| ((c.region.as_str(), c.id.as_str()), &c.tags))
        .collect();
    for (resource, n) in ctx.each(Resource::as_eks_nodegroup) {
        let cluster = clusters.get(&(n.region.as_str(), n.cluster.as_str()));
        if !(is_non_production(&n.tags) || cluster.is_some_and(|t| is_non_production(t))) {
            continue;
        }
        out.record(resource, n.capacity_type != "ON_DEMAND", || {
            format!(
                "{} On-Demand {} node(s) ({}) in a non-production cluster",
                n.desired_size,
                n.instance_types.join(", "),
                n.cluster
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eks::{cluster, nodegroup};
    use crate::testing::*;

    fn dev(tags: &mut Tags) {
        tags.insert("Environment".into(), "dev".into());
    }

    #[test]
    fn flags_on_demand_groups_tagged_or_clustered_as_non_production() {
        let fails = failing(
            &CHECK,
            vec![
                cluster("lab", |c| dev(&mut c.tags)),
                nodegroup("lab/workers", |_| {}),
                nodegroup("lab/batch", |n| n.capacity_type = "SPOT".into()),
                nodegroup("prod/tools", |n| dev(&mut n.tags)),
                nodegroup("prod/web", |_| {}),
            ],
        );
        assert_eq!(fails, ["lab/workers", "prod/tools"]);
    }
}
