//! ECS clusters, services and task definitions.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EcsCluster {
    /// The cluster's name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `ACTIVE`, `INACTIVE`, ...
    pub status: String,
    /// The `containerInsights` setting: `enabled`, `enhanced` or `disabled`.
    pub container_insights: String,
    pub active_services: u32,
    pub running_tasks: u32,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EcsService {
    /// `cluster/service`: a service's name is unique only within its cluster.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub cluster: String,
    pub name: String,
    /// `ACTIVE`, `DRAINING`, `INACTIVE`.
    pub status: String,
    /// `FARGATE`, `EC2`, `EXTERNAL`; `None` when a capacity provider strategy decides.
    pub launch_type: Option<String>,
    /// Tasks get a public IP address (`assignPublicIp: ENABLED`, awsvpc networking).
    pub public_ip: bool,
    /// Who deploys it: `ECS` (rolling), `CODE_DEPLOY` (blue/green) or `EXTERNAL`.
    pub deployment_controller: String,
    /// The rolling deployment's circuit breaker stops a failing deployment.
    pub circuit_breaker: bool,
    /// ... and rolls it back to the last good deployment.
    pub circuit_breaker_rollback: bool,
    pub desired_count: u32,
    pub running_count: u32,
    /// The task definition's ARN.
    pub task_definition: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EcsTaskDefinition {
    /// `family:revision`.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub family: String,
    pub revision: u32,
    /// `awsvpc`, `bridge`, `host` or `none`.
    pub network_mode: String,
    /// `FARGATE`, `EC2`, `EXTERNAL`.
    pub compatibilities: Vec<String>,
    /// `X86_64` or `ARM64`, when the task definition names one.
    pub cpu_architecture: Option<String>,
    pub containers: Vec<EcsContainer>,
}

/// One container of a task definition, as far as the checks need it. Environment values are
/// never collected.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EcsContainer {
    pub name: String,
    pub image: String,
    pub privileged: bool,
    /// The user the container runs as, when the task definition sets one.
    pub user: Option<String>,
    pub read_only_root_filesystem: bool,
    /// The log driver (`awslogs`, `awsfirelens`, ...); `None` when nothing collects its logs.
    pub log_driver: Option<String>,
    /// Environment variable names whose name or value looked like a secret, decided at the
    /// scanner.
    pub secret_like_variables: Vec<String>,
    /// Values injected from Secrets Manager or Parameter Store (`secrets`).
    pub injected_secrets: u32,
}
