//! The resources wellscan knows, one struct per kind.
//!
//! Every struct carries the same four identity fields (`id`, `arn`, `region`, `tags`); the
//! [`Resource`] enum wraps them with a `kind` tag in JSON. Fields are plain facts as the AWS
//! APIs report them; judgement ("is this bad?") belongs to the checks. Secrets never reach
//! these types: Lambda environment *values* have no field, and secret-looking tag values are
//! replaced by [`REDACTED`] before a resource is built.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Unknown;

mod acm;
mod apigateway;
mod autoscaling;
mod backup;
mod cloudfront;
mod cloudtrail;
mod cloudwatch;
mod config;
mod costoptimizationhub;
mod dynamodb;
mod ebs;
mod ec2;
mod ecr;
mod ecs;
mod efs;
mod eks;
mod elasticache;
mod elb;
mod elbv2;
mod guardduty;
mod iam;
mod kms;
mod lambda;
mod logs;
mod organizations;
mod rds;
mod route53;
mod s3;
mod secretsmanager;
mod securityhub;
mod sns;
mod sqs;
mod ssm;
mod vpc;

pub use acm::Certificate;
pub use apigateway::{ApiProtocol, ApiStage};
pub use autoscaling::AutoscalingGroup;
pub use backup::{BackupPlans, BackupSelection, BackupVault, TagCondition};
pub use cloudfront::{CloudfrontBehavior, CloudfrontDistribution, CloudfrontOrigin};
pub use cloudtrail::CloudtrailTrail;
pub use cloudwatch::{AlarmState, CloudwatchAlarm, CloudwatchAlarms};
pub use config::ConfigRecorder;
pub use costoptimizationhub::{CostOptimizationHub, CostRecommendation};
pub use dynamodb::DynamodbTable;
pub use ebs::{EbsEncryptionDefault, EbsSnapshot, EbsVolume};
pub use ec2::{Ec2Instance, InstanceState};
pub use ecr::EcrRepository;
pub use ecs::{EcsCluster, EcsContainer, EcsService, EcsTaskDefinition};
pub use efs::EfsFileSystem;
pub use eks::{EksCluster, EksNodegroup};
pub use elasticache::ElasticacheCluster;
pub use elb::{ClassicListener, ClassicLoadBalancer};
pub use elbv2::{Listener, LoadBalancer, TargetGroupHealth};
pub use guardduty::Guardduty;
pub use iam::{AccessKey, AccountSummary, IamGroup, IamPolicy, IamRole, IamUser, PasswordPolicy};
pub use kms::KmsKey;
pub use lambda::{FunctionUrlAuth, LambdaFunction, TracingMode};
pub use logs::LogGroup;
pub use organizations::Organization;
pub use rds::{RdsCluster, RdsInstance};
pub use route53::{FailoverRecord, HostedZone};
pub use s3::{PublicAccessBlock, S3Bucket, Versioning};
pub use secretsmanager::Secret;
pub use securityhub::SecurityHub;
pub use sns::SnsTopic;
pub use sqs::SqsQueue;
pub use ssm::{ManagedInstance, ManagedInstances, PatchState};
pub use vpc::{ElasticIp, IngressRule, NatGateway, SecurityGroup, Vpc};

/// Tag key to value.
pub type Tags = BTreeMap<String, String>;

/// What a redacted value is replaced by.
pub const REDACTED: &str = "[redacted]";

macro_rules! resources {
    ($( $variant:ident($ty:ident) => $kind:literal $(| $alias:literal)*, $service:literal, $title:literal, $as_fn:ident; )*) => {
        /// One discovered resource, tagged by `kind` in JSON: the same name the findings carry
        /// in `resource_kind` (an older name after `|` is still read).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind")]
        pub enum Resource {
            $( #[serde(rename = $kind $(, alias = $alias)*)] $variant($ty), )*
        }

        /// The kind of a [`Resource`], without its data.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum ResourceKind {
            $( #[serde(rename = $kind $(, alias = $alias)*)] $variant, )*
        }

        impl ResourceKind {
            pub const ALL: &'static [ResourceKind] = &[ $( ResourceKind::$variant, )* ];

            /// A resource of this kind with every field at its default, for tests and tools
            /// that go over every kind.
            pub fn empty(self) -> Resource {
                match self { $( ResourceKind::$variant => Resource::$variant($ty::default()), )* }
            }

            /// The kind whose JSON `kind` tag is `id` (`ec2_instance`), when wellscan knows it.
            pub fn from_id(id: &str) -> Option<ResourceKind> {
                ResourceKind::ALL.iter().copied().find(|k| k.id() == id)
            }

            /// The JSON `kind` tag, e.g. `ec2_instance`.
            pub fn id(self) -> &'static str {
                match self { $( ResourceKind::$variant => $kind, )* }
            }

            /// The AWS service that owns this kind, e.g. `ec2`.
            pub fn service(self) -> &'static str {
                match self { $( ResourceKind::$variant => $service, )* }
            }

            /// The name a person reads, e.g. `EC2 instance`.
            pub fn title(self) -> &'static str {
                match self { $( ResourceKind::$variant => $title, )* }
            }
        }

        impl Resource {
            pub fn kind(&self) -> ResourceKind {
                match self { $( Resource::$variant(_) => ResourceKind::$variant, )* }
            }

            /// The resource's own identifier (instance id, bucket name, user name, ...).
            pub fn id(&self) -> &str {
                match self { $( Resource::$variant(r) => &r.id, )* }
            }

            pub fn arn(&self) -> &str {
                match self { $( Resource::$variant(r) => &r.arn, )* }
            }

            /// The region, or [`crate::GLOBAL_REGION`] for account-wide resources.
            pub fn region(&self) -> &str {
                match self { $( Resource::$variant(r) => &r.region, )* }
            }

            pub fn tags(&self) -> &Tags {
                match self { $( Resource::$variant(r) => &r.tags, )* }
            }

            pub fn tags_mut(&mut self) -> &mut Tags {
                match self { $( Resource::$variant(r) => &mut r.tags, )* }
            }

            /// The facts the scanner could not read for this resource.
            pub fn unknown(&self) -> &Unknown {
                match self { $( Resource::$variant(r) => &r.unknown, )* }
            }

            pub fn unknown_mut(&mut self) -> &mut Unknown {
                match self { $( Resource::$variant(r) => &mut r.unknown, )* }
            }

            $(
                pub fn $as_fn(&self) -> Option<&$ty> {
                    match self { Resource::$variant(r) => Some(r), _ => None }
                }
            )*
        }

        $(
            impl From<$ty> for Resource {
                fn from(r: $ty) -> Resource { Resource::$variant(r) }
            }
        )*
    };
}

resources! {
    Ec2Instance(Ec2Instance) => "ec2_instance", "ec2", "EC2 instance", as_ec2_instance;
    EbsVolume(EbsVolume) => "ebs_volume", "ebs", "EBS volume", as_ebs_volume;
    EbsSnapshot(EbsSnapshot) => "ebs_snapshot", "ebs", "EBS snapshot", as_ebs_snapshot;
    SecurityGroup(SecurityGroup) => "security_group", "vpc", "Security group", as_security_group;
    Vpc(Vpc) => "vpc", "vpc", "VPC", as_vpc;
    ElasticIp(ElasticIp) => "elastic_ip", "vpc", "Elastic IP", as_elastic_ip;
    NatGateway(NatGateway) => "nat_gateway", "vpc", "NAT gateway", as_nat_gateway;
    RdsInstance(RdsInstance) => "rds_instance", "rds", "RDS instance", as_rds_instance;
    RdsCluster(RdsCluster) => "rds_cluster", "rds", "RDS cluster", as_rds_cluster;
    LambdaFunction(LambdaFunction) => "lambda_function", "lambda", "Lambda function", as_lambda_function;
    IamUser(IamUser) => "iam_user", "iam", "IAM user", as_iam_user;
    IamRole(IamRole) => "iam_role", "iam", "IAM role", as_iam_role;
    IamPolicy(IamPolicy) => "iam_policy", "iam", "IAM policy", as_iam_policy;
    IamGroup(IamGroup) => "iam_group", "iam", "IAM group", as_iam_group;
    PasswordPolicy(PasswordPolicy) => "password_policy", "iam", "Account password policy", as_password_policy;
    AccountSummary(AccountSummary) => "account_summary", "iam", "Account and root user", as_account_summary;
    CloudwatchAlarm(CloudwatchAlarm) => "cloudwatch_alarm", "cloudwatch", "CloudWatch alarm", as_cloudwatch_alarm;
    CloudwatchAlarms(CloudwatchAlarms) => "cloudwatch_alarms", "cloudwatch", "CloudWatch alarms of a region", as_cloudwatch_alarms;
    S3Bucket(S3Bucket) => "s3_bucket", "s3", "S3 bucket", as_s3_bucket;
    EbsEncryptionDefault(EbsEncryptionDefault) => "ebs_encryption_default", "ebs", "EBS encryption by default", as_ebs_encryption_default;
    CloudtrailTrail(CloudtrailTrail) => "cloudtrail_trail", "cloudtrail", "CloudTrail trail", as_cloudtrail_trail;
    KmsKey(KmsKey) => "kms_key", "kms", "KMS key", as_kms_key;
    LogGroup(LogGroup) => "log_group", "logs", "CloudWatch Logs log group", as_log_group;
    DynamodbTable(DynamodbTable) => "dynamodb_table", "dynamodb", "DynamoDB table", as_dynamodb_table;
    LoadBalancer(LoadBalancer) => "load_balancer", "elbv2", "Load balancer", as_load_balancer;
    AutoscalingGroup(AutoscalingGroup) => "autoscaling_group", "autoscaling", "Auto Scaling group", as_autoscaling_group;
    SqsQueue(SqsQueue) => "sqs_queue", "sqs", "SQS queue", as_sqs_queue;
    SnsTopic(SnsTopic) => "sns_topic", "sns", "SNS topic", as_sns_topic;
    Secret(Secret) => "secret", "secretsmanager", "Secrets Manager secret", as_secret;
    Certificate(Certificate) => "certificate", "acm", "ACM certificate", as_certificate;
    Guardduty(Guardduty) => "guardduty", "guardduty", "GuardDuty in a region", as_guardduty;
    SecurityHub(SecurityHub) => "securityhub" | "security_hub", "securityhub", "Security Hub in a region", as_securityhub;
    ConfigRecorder(ConfigRecorder) => "config_recorder", "config", "AWS Config recorder", as_config_recorder;
    BackupPlans(BackupPlans) => "backup_plans", "backup", "AWS Backup plans of a region", as_backup_plans;
    BackupVault(BackupVault) => "backup_vault", "backup", "AWS Backup vault", as_backup_vault;
    EfsFileSystem(EfsFileSystem) => "efs_file_system", "efs", "EFS file system", as_efs_file_system;
    EcrRepository(EcrRepository) => "ecr_repository", "ecr", "ECR repository", as_ecr_repository;
    EcsCluster(EcsCluster) => "ecs_cluster", "ecs", "ECS cluster", as_ecs_cluster;
    EcsService(EcsService) => "ecs_service", "ecs", "ECS service", as_ecs_service;
    EcsTaskDefinition(EcsTaskDefinition) => "ecs_task_definition", "ecs", "ECS task definition", as_ecs_task_definition;
    EksCluster(EksCluster) => "eks_cluster", "eks", "EKS cluster", as_eks_cluster;
    EksNodegroup(EksNodegroup) => "eks_nodegroup", "eks", "EKS managed node group", as_eks_nodegroup;
    ElasticacheCluster(ElasticacheCluster) => "elasticache_cluster", "elasticache", "ElastiCache cluster", as_elasticache_cluster;
    ClassicLoadBalancer(ClassicLoadBalancer) => "classic_load_balancer", "elb", "Classic Load Balancer", as_classic_load_balancer;
    CloudfrontDistribution(CloudfrontDistribution) => "cloudfront_distribution", "cloudfront", "CloudFront distribution", as_cloudfront_distribution;
    Organization(Organization) => "organization", "organizations", "AWS Organizations membership", as_organization;
    ApiStage(ApiStage) => "api_stage", "apigateway", "API Gateway stage", as_api_stage;
    HostedZone(HostedZone) => "hosted_zone", "route53", "Route 53 hosted zone", as_hosted_zone;
    CostOptimizationHub(CostOptimizationHub) => "cost_optimization_hub", "costoptimizationhub", "Cost Optimization Hub", as_cost_optimization_hub;
    ManagedInstances(ManagedInstances) => "ssm_managed_instances", "ssm", "Systems Manager managed instances of a region", as_ssm_managed_instances;
}

impl Resource {
    /// The `Name` tag when present, else `None`.
    pub fn name_tag(&self) -> Option<&str> {
        self.tags().get("Name").map(String::as_str)
    }

    /// What a person calls this resource: its `Name` tag, or its id.
    pub fn display_name(&self) -> &str {
        self.name_tag().unwrap_or_else(|| self.id())
    }
}

/// Utilisation over a window, as CloudWatch summarises it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct MetricStats {
    /// Mean of the datapoints over the window.
    pub average: f64,
    /// Largest datapoint over the window.
    pub maximum: f64,
    /// Length of the window in days.
    pub days: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_name_in_the_inventory_the_findings_and_the_history() {
        for kind in ResourceKind::ALL {
            let resource = kind.empty();
            assert_eq!(resource.kind(), *kind);
            let json = serde_json::to_value(&resource).expect("resource as JSON");
            assert_eq!(json["kind"], kind.id(), "inventory.json's kind of {kind:?}");
            assert_eq!(
                serde_json::to_value(kind).expect("kind as JSON"),
                kind.id(),
                "the history's kind of {kind:?}"
            );
            let back: Resource = serde_json::from_value(json).expect("read back");
            assert_eq!(back.kind(), *kind);
        }
    }

    #[test]
    fn security_hub_records_of_older_inventories_still_read() {
        let old =
            serde_json::json!({"kind": "security_hub", "id": "securityhub", "region": "eu-west-1"});
        let r: Resource = serde_json::from_value(old).expect("older kind name");
        assert_eq!(r.kind(), ResourceKind::SecurityHub);
        assert_eq!(r.kind().id(), "securityhub");
    }

    #[test]
    fn ingress_rule_port_ranges() {
        let ssh = IngressRule {
            protocol: "tcp".into(),
            from_port: Some(20),
            to_port: Some(25),
            ipv4_ranges: vec!["0.0.0.0/0".into()],
            ..Default::default()
        };
        assert!(ssh.open_to_world());
        assert!(ssh.covers_tcp_port(22));
        assert!(!ssh.covers_tcp_port(3389));
        assert!(!ssh.all_traffic());
    }
}
