//! EKS clusters whose Kubernetes API answers anyone on the internet: the public endpoint with
//! no narrower source than `0.0.0.0/0`.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks.endpoint_public_open",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP01",
        reads: &["eks:DescribeCluster"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "EKS API endpoint is open to the internet",
        action: "Make the endpoint private or limit who may reach it",
        remediation: "Turn on private endpoint access and turn off public access, or keep public access only for the office and CI ranges that need it. Console: EKS > Clusters > {id} > Networking > Manage endpoint access. CLI: aws eks update-cluster-config --region {region} --name {id} --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_eks_cluster) {
        // No list means the default, anyone.
        let anyone = c.public_access_cidrs.is_empty()
            || c.public_access_cidrs.iter().any(|r| r == "0.0.0.0/0");
        out.record(resource, !(c.endpoint_public && anyone), || {
            format!(
                "Kubernetes {} API public to 0.0.0.0/0{}",
                c.version,
                if c.endpoint_private {
                    " (a private endpoint exists too)"
                } else {
                    ""
                }
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eks::cluster;
    use crate::testing::failing;

    #[test]
    fn flags_public_endpoints_anyone_may_reach() {
        let open = cluster("prod", |c| c.public_access_cidrs = vec!["0.0.0.0/0".into()]);
        let default = cluster("dev", |c| c.public_access_cidrs.clear());
        let office = cluster("ops", |_| {});
        let private = cluster("data", |c| {
            c.endpoint_public = false;
            c.public_access_cidrs = vec!["0.0.0.0/0".into()];
        });
        assert_eq!(
            failing(&CHECK, vec![open, default, office, private]),
            ["prod", "dev"]
        );
    }
}
