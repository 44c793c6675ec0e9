//! Records every AWS operation the scanner calls, through an SDK interceptor on every client.
//! Tests use it to prove the IAM policy covers the scanner; benchmarks to count requests.
//!
//! The IAM action of a call is read from the call itself: its prefix is the service name the
//! request was signed for (the credential scope of SigV4, `elasticloadbalancing`, `logs`),
//! which is IAM's prefix for the service but for CloudWatch's (it signs as `monitoring`). No
//! table of prefixes is kept by hand; only that exception and S3's few actions named
//! differently from their operations are.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// Counts operations (one per SDK call) and attempts (one per HTTP request, retries included),
/// and the IAM action of every signed request.
#[derive(Debug, Clone, Default)]
pub struct CallLog {
    inner: Arc<Mutex<Counts>>,
}

#[derive(Debug, Default)]
struct Counts {
    operations: BTreeMap<(String, String), u64>,
    attempts: u64,
    actions: BTreeSet<String>,
    /// Operations whose request was signed, so their IAM action is known.
    signed: BTreeSet<(String, String)>,
}

impl CallLog {
    pub fn new() -> CallLog {
        CallLog::default()
    }

    /// Every `(service, operation)` called, with how many times.
    pub fn operations(&self) -> BTreeMap<(String, String), u64> {
        self.lock().operations.clone()
    }

    /// The IAM action of every request sent (`elasticloadbalancing:DescribeTags`).
    pub fn iam_actions(&self) -> BTreeSet<String> {
        self.lock().actions.clone()
    }

    /// Operations called whose IAM action could not be read from a signed request: empty when
    /// every call is accounted for in [`CallLog::iam_actions`]. (Two operations may share one
    /// action: Classic and v2 load balancers both call `elasticloadbalancing:DescribeTags`.)
    pub fn unsigned_operations(&self) -> Vec<(String, String)> {
        let counts = self.lock();
        counts
            .operations
            .keys()
            .filter(|op| !counts.signed.contains(*op))
            .cloned()
            .collect()
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

    /// After signing: the signing name is in the request's credential scope.
    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let signed_for = context
            .request()
            .headers()
            .get("authorization")
            .and_then(signing_name);
        if let (Some(prefix), Some(meta)) = (signed_for, cfg.load::<Metadata>()) {
            let action = iam_action(prefix, meta.service(), meta.name());
            let mut counts = self.lock();
            counts.actions.insert(action);
            counts
                .signed
                .insert((meta.service().to_string(), meta.name().to_string()));
        }
        Ok(())
    }
}

/// The service a SigV4 `Authorization` header was signed for:
/// `AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/logs/aws4_request, ...` → `logs`.
fn signing_name(authorization: &str) -> Option<&str> {
    let scope = authorization.split("Credential=").nth(1)?;
    let scope = scope.split([',', ' ']).next()?;
    let parts: Vec<&str> = scope.split('/').collect();
    match parts.as_slice() {
        [_, _, _, service, "aws4_request"] => Some(service),
        _ => None,
    }
}

/// The IAM action of an operation signed for `signed_for`. CloudWatch signs as `monitoring`;
/// S3 names a few actions differently from its operations; S3 Control signs as `s3` too; API
/// Gateway authorises reads as `apigateway:GET`.
fn iam_action(signed_for: &str, service: &str, operation: &str) -> String {
    let prefix = match signed_for {
        "monitoring" => "cloudwatch",
        other => other,
    };
    let action = match (prefix, service, operation) {
        ("s3", "S3", "ListBuckets") => "ListAllMyBuckets",
        ("s3", "S3", "GetBucketEncryption") => "GetEncryptionConfiguration",
        ("s3", "S3", "GetPublicAccessBlock") => "GetBucketPublicAccessBlock",
        ("s3", "S3", "GetBucketLifecycleConfiguration") => "GetLifecycleConfiguration",
        ("s3", "S3Control" | "S3 Control", "GetPublicAccessBlock") => "GetAccountPublicAccessBlock",
        // API Gateway's actions are the HTTP methods of its resources, for both its APIs.
        ("apigateway", _, op) if op.starts_with("Get") => "GET",
        _ => operation,
    };
    format!("{prefix}:{action}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_the_name_the_request_was_signed_for() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIAWELLSCANTEST0000/20261204/eu-west-1/elasticloadbalancing/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
        assert_eq!(signing_name(header), Some("elasticloadbalancing"));
        assert_eq!(signing_name("Bearer token"), None);
        assert_eq!(
            iam_action("elasticfilesystem", "EFS", "DescribeFileSystems"),
            "elasticfilesystem:DescribeFileSystems"
        );
        assert_eq!(
            iam_action("s3", "S3 Control", "GetPublicAccessBlock"),
            "s3:GetAccountPublicAccessBlock"
        );
        assert_eq!(iam_action("s3", "S3", "ListBuckets"), "s3:ListAllMyBuckets");
        assert_eq!(
            iam_action("monitoring", "CloudWatch", "GetMetricData"),
            "cloudwatch:GetMetricData"
        );
        assert_eq!(
            iam_action("apigateway", "API Gateway", "GetRestApis"),
            "apigateway:GET"
        );
        assert_eq!(
            iam_action("apigateway", "ApiGatewayV2", "GetStages"),
            "apigateway:GET"
        );
    }
}
