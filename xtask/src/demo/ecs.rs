//! The demo account's ECS: Kumo's production and batch clusters in us-east-1 and the order API
//! in Ireland. The order API is the healthy twin of every check; the tracking site, the label
//! printers and the EDI import each carry what a real account accumulates.

use super::*;

impl Gen {
    pub(super) fn containers(&mut self) {
        for (region, name, insights, services, tasks) in [
            ("us-east-1", "kumo-prod", "enhanced", 3, 9),
            ("us-east-1", "kumo-batch", "disabled", 1, 1),
            ("eu-west-1", "kumo-eu", "enabled", 1, 2),
        ] {
            let cluster = EcsCluster {
                id: name.into(),
                arn: arn("ecs", region, &format!("cluster/{name}")),
                region: region.into(),
                tags: tags(&[("Owner", "team-platform")]),
                status: "ACTIVE".into(),
                container_insights: insights.into(),
                active_services: services,
                running_tasks: tasks,
                ..Default::default()
            };
            self.resources.push(cluster.into());
        }
        let hardened = |name: &str| EcsContainer {
            name: name.into(),
            image: format!("{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{name}:2026.11.3"),
            user: Some("10001".into()),
            read_only_root_filesystem: true,
            log_driver: Some("awslogs".into()),
            injected_secrets: 2,
            ..Default::default()
        };
        let definitions = [
            (
                "us-east-1",
                "orders-api",
                42,
                "awsvpc",
                vec![hardened("orders-api")],
            ),
            (
                "eu-west-1",
                "orders-api",
                42,
                "awsvpc",
                vec![hardened("orders-api")],
            ),
            (
                "us-east-1",
                "tracking-web",
                17,
                "awsvpc",
                vec![EcsContainer {
                    user: Some("101".into()),
                    read_only_root_filesystem: false,
                    secret_like_variables: vec!["MAPS_API_KEY".into()],
                    injected_secrets: 0,
                    ..hardened("tracking-web")
                }],
            ),
            (
                "us-east-1",
                "label-printer",
                8,
                "bridge",
                vec![EcsContainer {
                    // The printer vendor's agent, straight from their registry.
                    image: "ghcr.io/labelworks/print-agent:5.2".into(),
                    privileged: true,
                    user: Some("root".into()),
                    log_driver: None,
                    ..hardened("label-printer")
                }],
            ),
            (
                "us-east-1",
                "edi-import",
                5,
                "host",
                vec![EcsContainer {
                    user: Some("0".into()),
                    read_only_root_filesystem: false,
                    ..hardened("edi-import")
                }],
            ),
        ];
        for (region, family, revision, network, containers) in definitions {
            let fargate = network == "awsvpc";
            let definition = EcsTaskDefinition {
                id: format!("{family}:{revision}"),
                arn: arn(
                    "ecs",
                    region,
                    &format!("task-definition/{family}:{revision}"),
                ),
                region: region.into(),
                tags: tags(&[("Owner", "team-web")]),
                family: family.into(),
                revision,
                network_mode: network.into(),
                compatibilities: if fargate {
                    vec!["EC2".into(), "FARGATE".into()]
                } else {
                    vec!["EC2".into()]
                },
                cpu_architecture: fargate.then(|| "ARM64".to_string()),
                containers,
                ..Default::default()
            };
            self.resources.push(definition.into());
        }
        // (region, cluster, service, task definition, public IP, breaker, rollback, desired, running)
        let services = [
            (
                "us-east-1",
                "kumo-prod",
                "orders-api",
                "orders-api:42",
                false,
                true,
                true,
                4,
                4,
            ),
            (
                "us-east-1",
                "kumo-prod",
                "tracking-web",
                "tracking-web:17",
                true,
                false,
                false,
                3,
                3,
            ),
            (
                "us-east-1",
                "kumo-prod",
                "label-printer",
                "label-printer:8",
                false,
                true,
                false,
                2,
                1,
            ),
            (
                "us-east-1",
                "kumo-batch",
                "edi-import",
                "edi-import:5",
                false,
                true,
                true,
                1,
                1,
            ),
            (
                "eu-west-1",
                "kumo-eu",
                "orders-api",
                "orders-api:42",
                false,
                true,
                true,
                2,
                2,
            ),
        ];
        for (region, cluster, name, task, public, breaker, rollback, desired, running) in services {
            let service = EcsService {
                id: format!("{cluster}/{name}"),
                arn: arn("ecs", region, &format!("service/{cluster}/{name}")),
                region: region.into(),
                tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
                cluster: cluster.into(),
                name: name.into(),
                status: "ACTIVE".into(),
                launch_type: Some(
                    if public || task.starts_with("orders") {
                        "FARGATE"
                    } else {
                        "EC2"
                    }
                    .into(),
                ),
                public_ip: public,
                deployment_controller: "ECS".into(),
                circuit_breaker: breaker,
                circuit_breaker_rollback: rollback,
                desired_count: desired,
                running_count: running,
                task_definition: arn("ecs", region, &format!("task-definition/{task}")),
                ..Default::default()
            };
            self.resources.push(service.into());
        }
    }
}
