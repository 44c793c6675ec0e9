//! The resources wellscan knows, one struct per kind.
//!
//! Every struct carries the same four identity fields (`id`, `arn`, `region`, `tags`); the
//! [`Resource`] enum wraps them with a `kind` tag in JSON. Fields are plain facts as the AWS
//! APIs report them; judgement ("is this bad?") belongs to the checks. Secrets never reach
//! these types: Lambda environment *values* have no field, and secret-looking tag values are
//! replaced by [`REDACTED`] before a resource is built.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Unknown;

mod autoscaling;
mod detection;
mod elb;
mod messaging;
mod secrets;
mod storage;

pub use autoscaling::AutoscalingGroup;
pub use detection::{ConfigRecorder, Guardduty, SecurityHub};
pub use elb::{Listener, LoadBalancer, TargetGroupHealth};
pub use messaging::{SnsTopic, SqsQueue};
pub use secrets::{Certificate, Secret};
pub use storage::{
    BackupPlans, BackupSelection, BackupVault, EcrRepository, EfsFileSystem, TagCondition,
};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstanceState {
    Pending,
    #[default]
    Running,
    Stopping,
    Stopped,
    ShuttingDown,
    Terminated,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Ec2Instance {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub instance_type: String,
    pub state: InstanceState,
    /// When the instance entered its current state, where AWS reports it.
    pub state_since: Option<DateTime<Utc>>,
    pub launch_time: Option<DateTime<Utc>>,
    pub availability_zone: String,
    /// `x86_64`, `arm64`, `i386`, ...
    pub architecture: String,
    /// `windows` or `None` for Linux/UNIX.
    pub platform: Option<String>,
    pub public_ip: Option<String>,
    /// True when the instance metadata service requires session tokens (IMDSv2 only).
    pub imds_v2_required: bool,
    pub detailed_monitoring: bool,
    pub iam_instance_profile: Option<String>,
    pub vpc_id: Option<String>,
    pub volume_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
    /// 14-day CPU utilisation, percent.
    pub cpu: Option<MetricStats>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EbsVolume {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `gp2`, `gp3`, `io1`, `io2`, `st1`, `sc1`, `standard`.
    pub volume_type: String,
    pub size_gib: u32,
    pub iops: Option<u32>,
    pub throughput_mibps: Option<u32>,
    pub encrypted: bool,
    pub kms_key_id: Option<String>,
    /// `available`, `in-use`, `creating`, ...
    pub state: String,
    pub attached_instance_ids: Vec<String>,
    pub availability_zone: String,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EbsSnapshot {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub volume_id: Option<String>,
    pub size_gib: u32,
    pub encrypted: bool,
    pub started_at: Option<DateTime<Utc>>,
    /// Restorable by every AWS account.
    pub public: bool,
    /// Account ids the snapshot is shared with.
    pub shared_with: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IngressRule {
    /// `tcp`, `udp`, `icmp`, ... or `-1` for all protocols.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub ipv4_ranges: Vec<String>,
    pub ipv6_ranges: Vec<String>,
    pub source_group_ids: Vec<String>,
}

impl IngressRule {
    /// True when the rule admits the whole internet (`0.0.0.0/0` or `::/0`).
    pub fn open_to_world(&self) -> bool {
        self.ipv4_ranges.iter().any(|r| r == "0.0.0.0/0")
            || self.ipv6_ranges.iter().any(|r| r == "::/0")
    }

    /// True when the rule covers `port` over TCP (or all protocols).
    pub fn covers_tcp_port(&self, port: i32) -> bool {
        match self.protocol.as_str() {
            "-1" | "all" => true,
            "tcp" | "6" => match (self.from_port, self.to_port) {
                (Some(from), Some(to)) => from <= port && port <= to,
                _ => true,
            },
            _ => false,
        }
    }

    /// True when the rule admits every protocol and port.
    pub fn all_traffic(&self) -> bool {
        matches!(self.protocol.as_str(), "-1" | "all")
            || (self.protocol == "tcp" && self.from_port == Some(0) && self.to_port == Some(65535))
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityGroup {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub name: String,
    pub description: String,
    pub vpc_id: Option<String>,
    pub ingress: Vec<IngressRule>,
    /// Whether any network interface uses the group.
    pub in_use: bool,
}

impl SecurityGroup {
    /// The VPC's default group, which every VPC has and cannot delete.
    pub fn is_default(&self) -> bool {
        self.name == "default"
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Vpc {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub cidr_block: String,
    pub is_default: bool,
    pub flow_logs_enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ElasticIp {
    /// The allocation id.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub public_ip: String,
    pub association_id: Option<String>,
    pub instance_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NatGateway {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub vpc_id: String,
    pub subnet_id: String,
    /// `available`, `pending`, `deleted`, ...
    pub state: String,
    /// 14-day bytes sent out to destinations, per day.
    pub bytes_out: Option<MetricStats>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RdsInstance {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub class: String,
    pub engine: String,
    pub engine_version: String,
    pub status: String,
    pub cluster_id: Option<String>,
    pub availability_zone: String,
    pub multi_az: bool,
    pub storage_encrypted: bool,
    pub publicly_accessible: bool,
    pub backup_retention_days: u32,
    pub deletion_protection: bool,
    pub auto_minor_version_upgrade: bool,
    pub storage_type: String,
    pub allocated_storage_gib: u32,
    pub performance_insights: bool,
    pub enhanced_monitoring: bool,
    /// 14-day CPU utilisation, percent.
    pub cpu: Option<MetricStats>,
    /// 14-day database connections.
    pub connections: Option<MetricStats>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RdsCluster {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub engine: String,
    pub engine_version: String,
    pub status: String,
    pub multi_az: bool,
    pub storage_encrypted: bool,
    pub backup_retention_days: u32,
    pub deletion_protection: bool,
    pub member_ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TracingMode {
    #[default]
    PassThrough,
    Active,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionUrlAuth {
    /// Anyone on the internet can invoke the URL.
    None,
    AwsIam,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LambdaFunction {
    /// The function name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `python3.12`, `nodejs20.x`, ...; `None` for container images.
    pub runtime: Option<String>,
    /// `x86_64` and/or `arm64`.
    pub architectures: Vec<String>,
    pub memory_mb: u32,
    pub timeout_s: u32,
    pub role_arn: String,
    pub tracing: TracingMode,
    pub dead_letter_target: Option<String>,
    pub on_failure_destination: Option<String>,
    pub reserved_concurrency: Option<i32>,
    pub function_url_auth: Option<FunctionUrlAuth>,
    /// Environment variable names. Values are never collected.
    pub environment_variable_names: Vec<String>,
    /// The names among them whose name or value looked like a secret, decided at the scanner.
    pub secret_like_variables: Vec<String>,
    /// Whether the function is invoked asynchronously (events, queues) in practice.
    pub invoked_async: bool,
    /// 14-day invocations per day.
    pub invocations: Option<MetricStats>,
    /// 14-day errors per day.
    pub errors: Option<MetricStats>,
    /// 14-day throttles per day.
    pub throttles: Option<MetricStats>,
    /// 14-day duration, milliseconds.
    pub duration_ms: Option<MetricStats>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessKey {
    pub id: String,
    pub active: bool,
    pub created_at: Option<DateTime<Utc>>,
    pub last_used: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IamUser {
    /// The user name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub created_at: Option<DateTime<Utc>>,
    pub console_access: bool,
    pub password_last_used: Option<DateTime<Utc>>,
    pub mfa_devices: u32,
    pub access_keys: Vec<AccessKey>,
    pub attached_policy_arns: Vec<String>,
    pub inline_policy_names: Vec<String>,
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IamRole {
    /// The role name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub created_at: Option<DateTime<Utc>>,
    /// Principals the trust policy admits (`*`, account ARNs, service names, ...).
    pub trust_principals: Vec<String>,
    pub last_used: Option<DateTime<Utc>>,
    pub attached_policy_arns: Vec<String>,
    pub service_linked: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IamPolicy {
    /// The policy name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub attachment_count: u32,
    pub default_version: String,
    /// The default version's policy document.
    pub document: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IamGroup {
    /// The group name.
    pub id: String,
    pub arn: String,
    pub region: String,
    /// Always empty: IAM groups have no tags.
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub created_at: Option<DateTime<Utc>>,
    pub attached_policy_arns: Vec<String>,
    /// Inline policy name to its document.
    pub inline_policies: BTreeMap<String, serde_json::Value>,
    /// The users in the group.
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordPolicy {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// False when the account has no password policy at all.
    pub present: bool,
    pub minimum_length: u32,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
    pub max_age_days: Option<u32>,
    pub reuse_prevention: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountSummary {
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub root_mfa_enabled: bool,
    pub root_access_keys: u32,
    pub root_password_last_used: Option<DateTime<Utc>>,
    pub users: u32,
    pub roles: u32,
    pub policies: u32,
    pub mfa_devices: u32,
    /// The account-wide S3 Block Public Access settings; `None` when not configured.
    pub s3_public_access_block: Option<PublicAccessBlock>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmState {
    #[default]
    Ok,
    Alarm,
    InsufficientData,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudwatchAlarm {
    /// The alarm name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub namespace: String,
    pub metric_name: String,
    pub dimensions: BTreeMap<String, String>,
    pub state: AlarmState,
    pub state_since: Option<DateTime<Utc>>,
    pub actions_enabled: bool,
    pub alarm_actions: Vec<String>,
    pub ok_actions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Versioning {
    #[default]
    Disabled,
    Enabled,
    Suspended,
}

/// The four S3 Block Public Access settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub fn all_on(&self) -> bool {
        self.block_public_acls
            && self.ignore_public_acls
            && self.block_public_policy
            && self.restrict_public_buckets
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct S3Bucket {
    /// The bucket name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub created_at: Option<DateTime<Utc>>,
    /// `AES256`, `aws:kms`, `aws:kms:dsse`, or `None` when no default encryption is set.
    pub default_encryption: Option<String>,
    pub versioning: Versioning,
    /// The bucket's own Block Public Access settings; `None` when not configured.
    pub public_access_block: Option<PublicAccessBlock>,
    /// The bucket policy grants access to everyone.
    pub policy_public: bool,
    /// The ACL grants access to AllUsers or AuthenticatedUsers.
    pub acl_public: bool,
    pub access_logging: bool,
    pub lifecycle_rules: u32,
    /// The bucket policy denies requests without TLS (`aws:SecureTransport = false`).
    pub tls_only_policy: bool,
}

/// A region's CloudWatch alarms as a whole (one per region whose alarm listing was complete):
/// how many there are, so that a region with none is a fact, not an absence.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudwatchAlarms {
    /// Always `cloudwatch-alarms`.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Always empty: the resource exists only when the listing was read.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// Metric alarms in the region.
    pub alarms: u32,
}

/// Whether new EBS volumes in a region are encrypted by default (one per region).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EbsEncryptionDefault {
    /// Always `ebs-encryption-by-default`.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudtrailTrail {
    /// The trail name.
    pub id: String,
    pub arn: String,
    /// The trail's home region.
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub multi_region: bool,
    pub organization_trail: bool,
    /// Whether the trail is delivering events now.
    pub logging: bool,
    pub log_file_validation: bool,
    pub kms_key_id: Option<String>,
    pub s3_bucket: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct KmsKey {
    /// The key id.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    pub description: String,
    /// `Enabled`, `Disabled`, `PendingDeletion`, ...
    pub state: String,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, ...
    pub spec: String,
    /// Automatic rotation; `None` when it does not apply (asymmetric or imported keys) or could
    /// not be read.
    pub rotation_enabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LogGroup {
    /// The log group name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `None` when events never expire.
    pub retention_days: Option<u32>,
    pub kms_key_id: Option<String>,
    pub stored_bytes: u64,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DynamodbTable {
    /// The table name.
    pub id: String,
    pub arn: String,
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `PROVISIONED` or `PAY_PER_REQUEST`.
    pub billing_mode: String,
    pub point_in_time_recovery: bool,
    /// `AWS_OWNED` (the default), `AWS_MANAGED` or `CUSTOMER_MANAGED`.
    pub encryption: String,
    /// `STANDARD` or `STANDARD_INFREQUENT_ACCESS`.
    pub table_class: String,
    pub read_capacity: Option<i64>,
    pub write_capacity: Option<i64>,
    pub item_count: i64,
    pub size_bytes: i64,
    /// 14-day consumed read capacity units per day.
    pub consumed_reads: Option<MetricStats>,
    /// 14-day consumed write capacity units per day.
    pub consumed_writes: Option<MetricStats>,
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
