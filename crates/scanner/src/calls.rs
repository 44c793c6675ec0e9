//! Records every AWS operation the scanner calls, through an SDK interceptor on every client.
//! Tests use it to prove the IAM policy covers the scanner; benchmarks to count requests.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// Counts operations (one per SDK call) and attempts (one per HTTP request, retries included).
#[derive(Debug, Clone, Default)]
pub struct CallLog {
    inner: Arc<Mutex<Counts>>,
}

#[derive(Debug, Default)]
struct Counts {
    operations: BTreeMap<(String, String), u64>,
    attempts: u64,
}

impl CallLog {
    pub fn new() -> CallLog {
        CallLog::default()
    }

    /// Every `(service, operation)` called, with how many times.
    pub fn operations(&self) -> BTreeMap<(String, String), u64> {
        self.lock().operations.clone()
    }

    /// HTTP requests sent, retries included.
    pub fn attempts(&self) -> u64 {
        self.lock().attempts
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        // A poisoned log only means a panicking test; the counts are still usable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Intercept for CallLog {
    fn name(&self) -> &'static str {
        "wellscan-call-log"
    }

    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(meta) = cfg.load::<Metadata>() {
            let key = (meta.service().to_string(), meta.name().to_string());
            *self.lock().operations.entry(key).or_default() += 1;
        }
        Ok(())
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.lock().attempts += 1;
        Ok(())
    }
}

/// The IAM action that authorises an SDK operation (`EC2`, `DescribeInstances` →
/// `ec2:DescribeInstances`). S3 names a few actions differently from its operations.
pub fn iam_action(service: &str, operation: &str) -> String {
    let prefix = match service {
        "EC2" => "ec2",
        "RDS" => "rds",
        "Lambda" => "lambda",
        "CloudWatch" => "cloudwatch",
        "CloudWatchLogs" | "CloudWatch Logs" => "logs",
        "CloudTrail" => "cloudtrail",
        "KMS" => "kms",
        "DynamoDB" => "dynamodb",
        "IAM" => "iam",
        "STS" => "sts",
        "S3" | "S3Control" | "S3 Control" => "s3",
        "Elastic Load Balancing v2" => "elasticloadbalancing",
        "Auto Scaling" => "autoscaling",
        "Secrets Manager" => "secretsmanager",
        "Config Service" => "config",
        "EFS" => "elasticfilesystem",
        other => return format!("{}:{operation}", other.to_ascii_lowercase()),
    };
    let action = match (prefix, service, operation) {
        ("s3", "S3", "ListBuckets") => "ListAllMyBuckets",
        ("s3", "S3", "GetBucketEncryption") => "GetEncryptionConfiguration",
        ("s3", "S3", "GetPublicAccessBlock") => "GetBucketPublicAccessBlock",
        ("s3", "S3", "GetBucketLifecycleConfiguration") => "GetLifecycleConfiguration",
        ("s3", "S3Control" | "S3 Control", "GetPublicAccessBlock") => "GetAccountPublicAccessBlock",
        _ => operation,
    };
    format!("{prefix}:{action}")
}
