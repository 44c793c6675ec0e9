//! ECS: a cluster without Container Insights beside one with it; a service whose tasks get
//! public addresses, deploys without a circuit breaker and runs short of its desired count,
//! beside a private one at its count with breaker and rollback; a task definition with a
//! privileged root container on the host network, a writable root, no logging and a password in
//! its environment, beside a hardened one.

use aws_sdk_ecs::types::{
    AssignPublicIp, AwsVpcConfiguration, ClusterSetting, ClusterSettingName, Compatibility,
    ContainerDefinition, CpuArchitecture, DeploymentCircuitBreaker, DeploymentConfiguration,
    KeyValuePair, LaunchType, LogConfiguration, LogDriver, NetworkConfiguration, NetworkMode,
    RuntimePlatform, Secret,
};

use super::{Account, Proof, network};

const PROOF: Proof = Proof {
    units: &["ecs"],
    cases: &[
        (
            "ecs.container_insights_off",
            "us-east-1/batch",
            Some("us-east-1/prod"),
        ),
        (
            "ecs.service_public_ip",
            "us-east-1/prod/open-svc",
            Some("us-east-1/prod/safe-svc"),
        ),
        (
            "ecs.no_circuit_breaker",
            "us-east-1/prod/open-svc",
            Some("us-east-1/prod/safe-svc"),
        ),
        (
            "ecs.service_below_desired",
            "us-east-1/prod/open-svc",
            Some("us-east-1/prod/safe-svc"),
        ),
        (
            "ecs.task_privileged",
            "us-east-1/leaky:1",
            Some("us-east-1/hardened:1"),
        ),
        (
            "ecs.task_root_user",
            "us-east-1/leaky:1",
            Some("us-east-1/hardened:1"),
        ),
        (
            "ecs.task_secret_env",
            "us-east-1/leaky:1",
            Some("us-east-1/hardened:1"),
        ),
        (
            "ecs.task_root_fs_writable",
            "us-east-1/leaky:1",
            Some("us-east-1/hardened:1"),
        ),
        (
            "ecs.task_without_logging",
            "us-east-1/leaky:1",
            Some("us-east-1/hardened:1"),
        ),
        (
            "ecs.task_host_network",
            "us-east-1/leaky:1",
            Some("us-east-1/hardened:1"),
        ),
        (
            "ecs.task_public_image",
            "us-east-1/leaky:1",
            Some("us-east-1/hardened:1"),
        ),
    ],
    actions: &[
        "ecs:DescribeClusters",
        "ecs:DescribeServices",
        "ecs:DescribeTaskDefinition",
        "ecs:ListClusters",
        "ecs:ListServices",
        "ecs:ListTaskDefinitionFamilies",
    ],
};

async fn seed(account: &Account) {
    let net = network(&account.east).await;
    let group = aws_sdk_ec2::Client::new(&account.east)
        .create_security_group()
        .group_name("tasks")
        .description("tasks")
        .vpc_id(&net.vpc)
        .send()
        .await
        .expect("security group")
        .group_id
        .expect("group id");
    let ecs = aws_sdk_ecs::Client::new(&account.east);
    for (cluster, insights) in [("prod", "enabled"), ("batch", "disabled")] {
        ecs.create_cluster()
            .cluster_name(cluster)
            .settings(
                ClusterSetting::builder()
                    .name(ClusterSettingName::ContainerInsights)
                    .value(insights)
                    .build(),
            )
            .send()
            .await
            .expect("cluster");
    }
    let hardened = ContainerDefinition::builder()
        .name("app")
        .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2")
        .memory(512)
        .user("1000")
        .readonly_root_filesystem(true)
        .log_configuration(
            LogConfiguration::builder()
                .log_driver(LogDriver::Awslogs)
                .options("awslogs-group", "/ecs/app")
                .build()
                .expect("log configuration"),
        )
        .secrets(
            Secret::builder()
                .name("DB_PASSWORD")
                .value_from("arn:aws:secretsmanager:us-east-1:123456789012:secret:db")
                .build()
                .expect("secret"),
        )
        .environment(
            KeyValuePair::builder()
                .name("TABLE")
                .value("orders")
                .build(),
        )
        .build();
    let leaky = ContainerDefinition::builder()
        .name("agent")
        .image("public.ecr.aws/example/agent:latest")
        .memory(256)
        .privileged(true)
        .user("root")
        .environment(
            KeyValuePair::builder()
                .name("DB_PASSWORD")
                .value("hunter2-not-real")
                .build(),
        )
        .build();
    // (family, network mode, container, Fargate architecture)
    for (family, mode, container, fargate) in [
        (
            "hardened",
            NetworkMode::Awsvpc,
            hardened.clone(),
            Some(CpuArchitecture::Arm64),
        ),
        (
            "plain-x86",
            NetworkMode::Awsvpc,
            hardened,
            Some(CpuArchitecture::X8664),
        ),
        ("leaky", NetworkMode::Host, leaky, None),
    ] {
        let mut register = ecs
            .register_task_definition()
            .family(family)
            .network_mode(mode)
            .container_definitions(container);
        if let Some(architecture) = fargate {
            register = register
                .requires_compatibilities(Compatibility::Fargate)
                .cpu("256")
                .memory("512")
                .runtime_platform(
                    RuntimePlatform::builder()
                        .cpu_architecture(architecture)
                        .build(),
                );
        }
        register.send().await.expect("task definition");
    }
    for (service, public, breaker) in [("safe-svc", false, true), ("open-svc", true, false)] {
        ecs.create_service()
            .cluster("prod")
            .service_name(service)
            .task_definition("hardened")
            .desired_count(2)
            .launch_type(LaunchType::Fargate)
            .network_configuration(
                NetworkConfiguration::builder()
                    .awsvpc_configuration(
                        AwsVpcConfiguration::builder()
                            .subnets(&net.subnets[0])
                            .security_groups(&group)
                            .assign_public_ip(if public {
                                AssignPublicIp::Enabled
                            } else {
                                AssignPublicIp::Disabled
                            })
                            .build()
                            .expect("awsvpc"),
                    )
                    .build(),
            )
            .deployment_configuration(
                DeploymentConfiguration::builder()
                    .deployment_circuit_breaker(
                        DeploymentCircuitBreaker::builder()
                            .enable(breaker)
                            .rollback(breaker)
                            .build(),
                    )
                    .build(),
            )
            .send()
            .await
            .expect("service");
    }
    // Tasks start when the count is set again (moto starts none at creation).
    ecs.update_service()
        .cluster("prod")
        .service("safe-svc")
        .desired_count(2)
        .send()
        .await
        .expect("scale");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ecs() {
    let account = Account::start().await;
    seed(&account).await;
    let scanned = account.prove(&PROOF).await;
    // The password's value never reaches the inventory; its name does.
    let inventory = serde_json::to_string(&scanned.inventory).expect("json");
    assert!(!inventory.contains("hunter2"), "a secret value was kept");
    assert!(inventory.contains("DB_PASSWORD"));
}
