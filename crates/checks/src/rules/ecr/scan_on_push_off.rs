//! ECR repositories that do not scan images when they are pushed: known vulnerabilities ship
//! unnoticed. A repository the registry's scanning rules cover (basic scan on push, or
//! enhanced scanning with Amazon Inspector) is scanned whatever its own setting says.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecr.scan_on_push_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC06-BP01",
        reads: &[
            "ecr:DescribeRepositories",
            "ecr:GetRegistryScanningConfiguration",
        ],
        facts: &[Fact::RegistryScan],
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
        if r.scan_on_push || r.registry_scan.is_some() {
            out.pass();
            continue;
        }
        if out.unknown(resource, &[Fact::RegistryScan]) {
            continue;
        }
        out.fail(
            resource,
            "images are not scanned when pushed, and no registry scanning rule covers the repository",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecr::repo;
    use crate::testing::{failing, outcome};

    #[test]
    fn flags_repositories_without_scanning() {
        let off = repo("api", |r| r.scan_on_push = false);
        let on = repo("web", |_| {});
        assert_eq!(failing(&CHECK, vec![off, on]), ["api"]);
    }

    #[test]
    fn a_repository_the_registry_scans_is_not_flagged() {
        let enhanced = repo("api", |r| {
            r.scan_on_push = false;
            r.registry_scan = Some("ENHANCED CONTINUOUS_SCAN".into());
        });
        let basic = repo("web", |r| {
            r.scan_on_push = false;
            r.registry_scan = Some("BASIC SCAN_ON_PUSH".into());
        });
        let unread = repo("batch", |r| {
            r.scan_on_push = false;
            r.unknown.mark(Fact::RegistryScan);
        });
        let out = outcome(&CHECK, vec![enhanced, basic, unread]);
        assert!(out.failures().is_empty());
        assert_eq!((out.evaluated(), out.not_evaluated()), (2, 1));
    }
}
