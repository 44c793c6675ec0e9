//! Facts the scanner could not read.
//!
//! A resource is listed by one call and described by others. When a describing call fails
//! (AccessDenied, throttling that outlasted the retries, a deadline), the field it would have
//! filled keeps its default, and a default is not a fact: `flow_logs_enabled: false` after a
//! denied DescribeFlowLogs says nothing about the VPC. The collector then names the field in the
//! resource's [`Unknown`] set, and every check that decides on that fact skips the resource and
//! counts it as *not evaluated*: never a pass, never a failure.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// One fact about a resource that a separate call reads. The JSON name is the field's name
/// (`access_key_last_used` covers `access_keys[].last_used`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The resource's tags (read by their own call for S3, Lambda, KMS, DynamoDB, alarms).
    Tags,
    // VPC
    FlowLogsEnabled,
    InUse,
    // EBS
    Public,
    /// The volume's snapshots (the region's snapshot listing failed).
    Snapshots,
    // S3
    DefaultEncryption,
    Versioning,
    PublicAccessBlock,
    PolicyPublic,
    TlsOnlyPolicy,
    AclPublic,
    AccessLogging,
    LifecycleRules,
    // IAM
    S3PublicAccessBlock,
    RootPasswordLastUsed,
    AccessKeys,
    AccessKeyLastUsed,
    ConsoleAccess,
    PasswordLastUsed,
    MfaDevices,
    // CloudTrail
    Logging,
    // KMS
    RotationEnabled,
    // DynamoDB
    PointInTimeRecovery,
    // Lambda
    FunctionUrlAuth,
    ReservedConcurrency,
    InvokedAsync,
    // ELBv2
    AccessLogs,
    DeletionProtection,
    CrossZone,
    DropInvalidHeaders,
    Listeners,
    TargetGroups,
    // Auto Scaling
    ScalingPolicies,
    // SQS, SNS
    Encrypted,
    DeadLetterQueue,
    KmsKeyId,
    HttpSubscriptions,
    // ACM
    KeyAlgorithm,
    NotAfter,
    InUseBy,
    // AWS Config
    Recording,
    // EFS, ECR
    AutomaticBackups,
    /// A backup plan's resource assignments (`selections` of the region's `BackupPlans`).
    BackupSelections,
    /// Where a backup plan's rules copy recovery points (`copy_destinations` of `BackupPlans`).
    CopyDestinations,
    // Organizations
    ServiceControlPolicies,
    LifecycleToIa,
    LifecyclePolicy,
    /// What the region's registry scanning configuration scans (`registry_scan`).
    RegistryScan,
    // ElastiCache
    /// A replication group's engine version, read from its member clusters.
    EngineVersion,
    // Classic Load Balancers
    ConnectionDraining,
    InstanceHealth,
    TlsPolicy,
    // CloudFront
    /// Read from the distribution's own configuration, which its listing lacks.
    DistributionLogging,
    // Route 53
    Dnssec,
    QueryLogging,
    FailoverRecords,
    // Systems Manager
    PatchStates,
    // Cost Optimization Hub
    Recommendations,
}

impl Fact {
    /// The JSON name, e.g. `flow_logs_enabled`.
    pub fn name(self) -> &'static str {
        match self {
            Fact::Tags => "tags",
            Fact::FlowLogsEnabled => "flow_logs_enabled",
            Fact::InUse => "in_use",
            Fact::Public => "public",
            Fact::Snapshots => "snapshots",
            Fact::DefaultEncryption => "default_encryption",
            Fact::Versioning => "versioning",
            Fact::PublicAccessBlock => "public_access_block",
            Fact::PolicyPublic => "policy_public",
            Fact::TlsOnlyPolicy => "tls_only_policy",
            Fact::AclPublic => "acl_public",
            Fact::AccessLogging => "access_logging",
            Fact::LifecycleRules => "lifecycle_rules",
            Fact::S3PublicAccessBlock => "s3_public_access_block",
            Fact::RootPasswordLastUsed => "root_password_last_used",
            Fact::AccessKeys => "access_keys",
            Fact::AccessKeyLastUsed => "access_key_last_used",
            Fact::ConsoleAccess => "console_access",
            Fact::PasswordLastUsed => "password_last_used",
            Fact::MfaDevices => "mfa_devices",
            Fact::Logging => "logging",
            Fact::RotationEnabled => "rotation_enabled",
            Fact::PointInTimeRecovery => "point_in_time_recovery",
            Fact::FunctionUrlAuth => "function_url_auth",
            Fact::ReservedConcurrency => "reserved_concurrency",
            Fact::InvokedAsync => "invoked_async",
            Fact::AccessLogs => "access_logs",
            Fact::DeletionProtection => "deletion_protection",
            Fact::CrossZone => "cross_zone",
            Fact::DropInvalidHeaders => "drop_invalid_headers",
            Fact::Listeners => "listeners",
            Fact::TargetGroups => "target_groups",
            Fact::ScalingPolicies => "scaling_policies",
            Fact::Encrypted => "encrypted",
            Fact::DeadLetterQueue => "dead_letter_queue",
            Fact::KmsKeyId => "kms_key_id",
            Fact::HttpSubscriptions => "http_subscriptions",
            Fact::KeyAlgorithm => "key_algorithm",
            Fact::NotAfter => "not_after",
            Fact::InUseBy => "in_use_by",
            Fact::Recording => "recording",
            Fact::AutomaticBackups => "automatic_backups",
            Fact::BackupSelections => "backup_selections",
            Fact::LifecycleToIa => "lifecycle_to_ia",
            Fact::LifecyclePolicy => "lifecycle_policy",
            Fact::RegistryScan => "registry_scan",
            Fact::EngineVersion => "engine_version",
            Fact::ConnectionDraining => "connection_draining",
            Fact::InstanceHealth => "instance_health",
            Fact::TlsPolicy => "tls_policy",
            Fact::DistributionLogging => "distribution_logging",
            Fact::CopyDestinations => "copy_destinations",
            Fact::ServiceControlPolicies => "service_control_policies",
            Fact::Dnssec => "dnssec",
            Fact::QueryLogging => "query_logging",
            Fact::FailoverRecords => "failover_records",
            Fact::PatchStates => "patch_states",
            Fact::Recommendations => "recommendations",
        }
    }
}

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The facts of one resource that could not be read; empty (and absent from JSON) when the
/// scanner read everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Unknown(BTreeSet<Fact>);

impl Unknown {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Records that `fact` could not be read.
    pub fn mark(&mut self, fact: Fact) {
        self.0.insert(fact);
    }

    /// Records that none of `facts` could be read (they come from one failed call).
    pub fn mark_all(&mut self, facts: &[Fact]) {
        self.0.extend(facts.iter().copied());
    }

    /// Records that `fact` was read after all (by another call).
    pub fn unmark(&mut self, fact: Fact) {
        self.0.remove(&fact);
    }

    pub fn contains(&self, fact: Fact) -> bool {
        self.0.contains(&fact)
    }

    /// True when any of `facts` could not be read.
    pub fn any(&self, facts: &[Fact]) -> bool {
        facts.iter().any(|f| self.0.contains(f))
    }

    pub fn iter(&self) -> impl Iterator<Item = Fact> + '_ {
        self.0.iter().copied()
    }
}

impl FromIterator<Fact> for Unknown {
    fn from_iter<I: IntoIterator<Item = Fact>>(iter: I) -> Unknown {
        Unknown(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_json_names() {
        let all = [
            Fact::Tags,
            Fact::FlowLogsEnabled,
            Fact::AccessKeyLastUsed,
            Fact::PointInTimeRecovery,
            Fact::S3PublicAccessBlock,
        ];
        for fact in all {
            let json = serde_json::to_value(fact).unwrap();
            assert_eq!(json, fact.name());
        }
    }

    #[test]
    fn an_empty_set_is_left_out_of_json_and_read_back_from_absence() {
        let vpc = crate::Vpc {
            id: "vpc-1".into(),
            ..Default::default()
        };
        let json = serde_json::to_value(crate::Resource::from(vpc.clone())).unwrap();
        assert!(json.get("unknown").is_none(), "{json}");
        let mut marked = vpc;
        marked.unknown.mark(Fact::FlowLogsEnabled);
        let json = serde_json::to_value(crate::Resource::from(marked.clone())).unwrap();
        assert_eq!(json["unknown"], serde_json::json!(["flow_logs_enabled"]));
        let back: crate::Resource = serde_json::from_value(json).unwrap();
        assert!(back.unknown().contains(Fact::FlowLogsEnabled));
    }
}
