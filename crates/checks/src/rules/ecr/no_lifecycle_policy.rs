//! ECR repositories that keep every image ever pushed.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecr.no_lifecycle_policy",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP04",
        reads: &["ecr:DescribeRepositories", "ecr:GetLifecyclePolicy"],
        facts: &[Fact::LifecyclePolicy],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "ECR repository has no lifecycle policy",
        action: "Expire old and untagged images with a lifecycle policy",
        remediation: "Add a lifecycle policy that expires untagged images after a few days and keeps the last N \
            tagged releases. Console: ECR > Repositories > {id} > Lifecycle policy > Create rule. CLI: aws ecr \
            put-lifecycle-policy --region {region} --repository-name {id} --lifecycle-policy-text \
            file://policy.json",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, r) in ctx.each(Resource::as_ecr_repository) {
        if out.unknown(resource, &[Fact::LifecyclePolicy]) {
            continue;
        }
        out.record(resource, r.lifecycle_policy, || {
            "no lifecycle policy: every image pushed is kept and billed".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecr::repo;
    use crate::testing::failing;

    #[test]
    fn flags_repositories_keeping_everything() {
        let hoard = repo("api", |r| r.lifecycle_policy = false);
        let tidy = repo("web", |_| {});
        let unread = repo("batch", |r| {
            r.lifecycle_policy = false;
            r.unknown.mark(Fact::LifecyclePolicy);
        });
        assert_eq!(failing(&CHECK, vec![hoard, tidy, unread]), ["api"]);
    }
}
