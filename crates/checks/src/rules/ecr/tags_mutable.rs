//! ECR repositories whose image tags can be overwritten: `v1.4.2` today may not be the image
//! that was tested, and a rollback may deploy something else.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecr.tags_mutable",
        pillar: Pillar::Reliability,
        related: &[Pillar::Security],
        best_practice: "REL08-BP04",
        reads: &["ecr:DescribeRepositories"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "ECR repository allows image tags to be overwritten",
        action: "Make image tags immutable",
        remediation: "Set tag immutability so a tag always names the image it was first pushed as; deploy by tag \
            or digest. Console: ECR > Repositories > {id} > Edit > Tag immutability. CLI: aws ecr \
            put-image-tag-mutability --region {region} --repository-name {id} --image-tag-mutability IMMUTABLE",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, r) in ctx.each(Resource::as_ecr_repository) {
        out.record(resource, r.tags_immutable, || {
            "image tags are mutable: a push can replace what a tag points to".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecr::repo;
    use crate::testing::failing;

    #[test]
    fn flags_repositories_with_mutable_tags() {
        let mutable = repo("api", |r| r.tags_immutable = false);
        let fixed = repo("web", |_| {});
        assert_eq!(failing(&CHECK, vec![mutable, fixed]), ["api"]);
    }
}
