//! Task definitions that pull images straight from a public registry (Docker Hub, GitHub,
//! Quay, ECR Public): every deployment trusts, and waits on, a registry the team does not
//! control, whose tags can be moved under it and whose rate limits can stop a scale-out.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs.task_public_image",
        pillar: Pillar::Security,
        related: &[Pillar::Reliability],
        best_practice: "SEC11-BP05",
        reads: &["ecs:DescribeTaskDefinition"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "ECS task definition pulls images from a public registry",
        action: "Pull images through the account's ECR (a pull-through cache)",
        remediation: "Create an ECR pull-through cache rule for the upstream registry (or copy the images into a private repository, scanned on push), point the containers at the ECR address and register a new revision. Console: ECR > Private registry > Pull through cache > Add rule. CLI: aws ecr create-pull-through-cache-rule --region {region} --ecr-repository-prefix docker-hub --upstream-registry-url registry-1.docker.io --credential-arn SECRET_ARN",
    },
    evaluate,
};

/// The registry an image reference names: its first path part when that looks like a host
/// (`ghcr.io/...`, `localhost:5000/...`), else Docker Hub, where `nginx` and `org/app` live.
fn registry(image: &str) -> &str {
    match image.split_once('/') {
        Some((host, _)) if host.contains(['.', ':']) || host == "localhost" => host,
        _ => "docker.io",
    }
}

/// A private ECR registry (`123456789012.dkr.ecr.eu-west-1.amazonaws.com`, FIPS and China
/// endpoints too), which is where a pull-through cache serves public images from.
fn private_ecr(host: &str) -> bool {
    host.contains(".dkr.ecr")
        && (host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn"))
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_ecs_task_definition) {
        let public: Vec<String> = t
            .containers
            .iter()
            .filter(|c| !private_ecr(registry(&c.image)))
            .map(|c| format!("{} ({})", c.name, registry(&c.image)))
            .collect();
        out.record(resource, public.is_empty(), || {
            format!(
                "pulled from outside the account's ECR: {}",
                public.join(", ")
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ecs::task;
    use crate::testing::*;

    #[test]
    fn flags_task_definitions_with_any_container_from_a_public_registry() {
        let image = |id: &str, image: &str| task(id, |t| t.containers[0].image = image.into());
        let fails = failing(
            &CHECK,
            vec![
                image(
                    "private:1",
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
                ),
                image(
                    "cached:1",
                    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/nginx:1.27",
                ),
                image("hub:1", "nginx:1.27"),
                image("hub-org:1", "bitnami/redis:7.2"),
                image("ghcr:1", "ghcr.io/acme/worker@sha256:0123"),
                image("ecr-public:1", "public.ecr.aws/nginx/nginx:1.27"),
            ],
        );
        assert_eq!(fails, ["hub:1", "hub-org:1", "ghcr:1", "ecr-public:1"]);
    }

    #[test]
    fn the_evidence_names_each_container_and_its_registry() {
        let out = outcome(
            &CHECK,
            vec![task("web:3", |t| {
                let mut sidecar = t.containers[0].clone();
                sidecar.name = "log-router".into();
                sidecar.image = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable".into();
                t.containers.push(sidecar);
            })],
        );
        let evidence: Vec<&str> = out.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(
            evidence,
            ["pulled from outside the account's ECR: log-router (public.ecr.aws)"]
        );
    }
}
