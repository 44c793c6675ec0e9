//! EKS clusters that do not send their Kubernetes audit log to CloudWatch Logs: who did what
//! through the API cannot be investigated afterwards.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks.audit_logs_off",
        pillar: Pillar::Security,
        related: &[Pillar::OperationalExcellence],
        best_practice: "SEC04-BP01",
        reads: &["eks:DescribeCluster"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "EKS cluster does not log its Kubernetes audit trail",
        action: "Turn on the audit and authenticator control-plane logs",
        remediation: "Turn on the audit and authenticator control-plane log types (api too, to see requests) so EKS sends them to CloudWatch Logs, and give their log group a retention. Console: EKS > Clusters > {id} > Observability > Control plane logging > Manage logging. CLI: aws eks update-cluster-config --region {region} --name {id} --logging \"clusterLogging=[{types=[api,audit,authenticator],enabled=true}]\"",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, c) in ctx.each(Resource::as_eks_cluster) {
        out.record(
            resource,
            c.log_types.iter().any(|t| t == "audit"),
            || match c.log_types.is_empty() {
                true => "no control-plane log type is sent to CloudWatch Logs".to_string(),
                false => format!("audit log off; sent: {}", c.log_types.join(", ")),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::eks::cluster;
    use crate::testing::failing;

    #[test]
    fn flags_clusters_without_the_audit_log() {
        let silent = cluster("prod", |c| c.log_types.clear());
        let api_only = cluster("dev", |c| c.log_types = vec!["api".into()]);
        let audited = cluster("ops", |_| {});
        assert_eq!(
            failing(&CHECK, vec![silent, api_only, audited]),
            ["prod", "dev"]
        );
    }
}
