//! EKS clusters whose Kubernetes secrets are encrypted only with EKS's own key: the account can
//! neither audit each use of the key nor revoke it.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks.no_customer_key",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &["eks:DescribeCluster"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "EKS cluster encrypts its secrets without a customer managed key",
        action: "Envelope-encrypt the cluster with a customer managed KMS key",
        remediation: "Associate a customer managed KMS key with the cluster, so every use of the key that protects Kubernetes secrets is in CloudTrail and can be revoked; it cannot be removed once set. Console: EKS > Clusters > {id} > Overview > Secrets encryption > Enable. CLI: aws eks associate-encryption-config --region {region} --cluster-name {id} --encryption-config \"resources=secrets,provider={keyArn=KEY_ARN}\"",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_eks_cluster) {
        out.record(resource, c.kms_key.is_some(), || {
            "secrets are encrypted with EKS's key only: no customer managed KMS key".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eks::cluster;
    use crate::testing::failing;

    #[test]
    fn flags_clusters_without_their_own_key() {
        let default = cluster("dev", |c| c.kms_key = None);
        let own = cluster("prod", |_| {});
        assert_eq!(failing(&CHECK, vec![default, own]), ["dev"]);
    }
}
