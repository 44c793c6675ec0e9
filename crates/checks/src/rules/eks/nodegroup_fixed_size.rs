//! EKS managed node groups whose minimum and maximum size are the same: no autoscaler can add a
//! node when pods are pending or remove one when it idles.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks.nodegroup_fixed_size",
        pillar: Pillar::Reliability,
        related: &[Pillar::CostOptimization],
        best_practice: "REL07-BP01",
        reads: &["eks:DescribeNodegroup"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "EKS node group cannot scale",
        action: "Give the node group room to scale and an autoscaler",
        remediation: "Set a maximum above the minimum (and a minimum as low as the workload allows), and run Karpenter or the Cluster Autoscaler so nodes follow pending pods. Console: EKS > Clusters > CLUSTER > Compute > NODEGROUP (the finding names them as CLUSTER/NODEGROUP) > Edit > Node group scaling configuration. CLI: aws eks update-nodegroup-config --region {region} --cluster-name CLUSTER --nodegroup-name NODEGROUP --scaling-config minSize=2,maxSize=6,desiredSize=3",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, n) in ctx.each(Resource::as_eks_nodegroup) {
        if n.status != "ACTIVE" || n.max_size == 0 {
            continue;
        }
        out.record(resource, n.max_size > n.min_size, || {
            format!("minimum and maximum are both {} node(s)", n.max_size)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eks::nodegroup;
    use crate::testing::failing;

    #[test]
    fn flags_active_groups_pinned_to_one_size() {
        let pinned = nodegroup("prod/system", |n| {
            n.min_size = 3;
            n.max_size = 3;
        });
        let elastic = nodegroup("prod/web", |_| {});
        let parked = nodegroup("dev/web", |n| {
            n.min_size = 0;
            n.max_size = 0;
        });
        assert_eq!(
            failing(&CHECK, vec![pinned, elastic, parked]),
            ["prod/system"]
        );
    }
}
