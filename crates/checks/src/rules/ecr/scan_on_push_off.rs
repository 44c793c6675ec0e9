//! ECR repositories that do not scan images when they are pushed: known vulnerabilities ship
//! unnoticed.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecr.scan_on_push_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC06-BP01",
        reads: &["ecr:DescribeRepositories"],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "ECR repository does not scan images on push",
        action: "Scan container images on push",
        remediation: "Turn on scan on push for the repository, or enhanced scanning (Amazon Inspector) for the \
            whole registry. Console: ECR > Repositories > {id} > Edit > Scan on push. CLI: aws ecr \
            put-image-scanning-configuration --region {region} --repository-name {id} \
            --image-scanning-configuration scanOnPush=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, r) in ctx.each(Resource::as_ecr_repository) {
        out.record(resource, r.scan_on_push, || {
            "images are not scanned when pushed".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecr::repo;
    use crate::testing::failing;

    #[test]
    fn flags_repositories_without_scanning() {
        let off = repo("api", |r| r.scan_on_push = false);
        let on = repo("web", |_| {});
        assert_eq!(failing(&CHECK, vec![off, on]), ["api"]);
    }
}
