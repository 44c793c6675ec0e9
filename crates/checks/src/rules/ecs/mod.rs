pub mod container_insights_off;
pub mod no_circuit_breaker;
pub mod service_below_desired;
pub mod service_public_ip;
pub mod task_host_network;
pub mod task_privileged;
pub mod task_public_image;
pub mod task_root_fs_writable;
pub mod task_root_user;
pub mod task_secret_env;
pub mod task_without_logging;
pub mod task_x86_on_fargate;

#[cfg(test)]
use wellscan_model::{EcsCluster, EcsContainer, EcsService, EcsTaskDefinition, Resource};

/// An active cluster with Container Insights on; `f` makes it what a test needs.
#[cfg(test)]
pub(crate) fn cluster(id: &str, f: impl FnOnce(&mut EcsCluster)) -> Resource {
    let mut c = EcsCluster {
        id: id.into(),
        status: "ACTIVE".into(),
        container_insights: "enabled".into(),
        active_services: 2,
        running_tasks: 6,
        ..Default::default()
    };
    f(&mut c);
    c.into()
}

/// An active, private service at its desired count, with circuit breaker and rollback.
#[cfg(test)]
pub(crate) fn service(id: &str, f: impl FnOnce(&mut EcsService)) -> Resource {
    let (cluster, name) = id.split_once('/').unwrap_or(("default", id));
    let mut s = EcsService {
        id: id.into(),
        cluster: cluster.into(),
        name: name.into(),
        status: "ACTIVE".into(),
        launch_type: Some("FARGATE".into()),
        deployment_controller: "ECS".into(),
        circuit_breaker: true,
        circuit_breaker_rollback: true,
        desired_count: 3,
        running_count: 3,
        ..Default::default()
    };
    f(&mut s);
    s.into()
}

/// An awsvpc task definition with one hardened container: non-root, read-only root, logged.
#[cfg(test)]
pub(crate) fn task(id: &str, f: impl FnOnce(&mut EcsTaskDefinition)) -> Resource {
    let mut t = EcsTaskDefinition {
        id: id.into(),
        family: id.split(':').next().unwrap_or(id).into(),
        network_mode: "awsvpc".into(),
        compatibilities: vec!["FARGATE".into()],
        containers: vec![EcsContainer {
            name: "app".into(),
            image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2".into(),
            user: Some("1000".into()),
            read_only_root_filesystem: true,
            log_driver: Some("awslogs".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    f(&mut t);
    t.into()
}
