//! wellscan's AWS discovery.
//!
//! [`scan`] turns an `SdkConfig` (credentials, home region, endpoint) into an [`Inventory`] of
//! the account: every enabled region at once, one collector per service, and a
//! [`CoverageGap`](wellscan_model::CoverageGap) for everything that could not be read. One
//! region's AccessDenied never stops the rest; completed work is never thrown away.
//!
//! The scanner only calls Describe/List/Get APIs (plus GenerateCredentialReport);
//! `docs/iam-policy.json` lists every action. Secrets are redacted here ([`redact`]), before
//! anything leaves this crate.

mod account;
mod acm;
mod apigateway;
mod autoscaling;
mod backup;
mod calls;
mod cloudfront;
mod cloudtrail;
mod cloudwatch;
mod config;
mod costoptimizationhub;
mod dynamodb;
mod ec2;
mod ecr;
mod ecs;
mod efs;
mod eks;
mod elasticache;
mod elb;
mod elbv2;
mod error;
mod guardduty;
mod iam;
mod json;
mod kms;
mod lambda;
mod limit;
mod logs;
mod organizations;
mod partial;
mod policy;
mod query;
mod rds;
pub mod redact;
mod rest;
mod route53;
mod runner;
mod s3;
mod secretsmanager;
mod securityhub;
mod sns;
mod sqs;
mod ssm;
mod unit;

pub use calls::CallLog;
pub use runner::{ScanOutput, scan, services};

use std::time::Duration;

use wellscan_model::CoverageGap;

/// API requests in flight at once unless asked otherwise. AWS throttles per account, region and
/// service, and a scan spreads over a dozen services in every region, so a few hundred at once
/// stays far inside every service's limits while keeping discovery at its critical path.
pub const DEFAULT_CONCURRENCY: usize = 256;

/// How a scan behaves. Every bound has a named default.
#[derive(Debug, Clone)]
pub struct Options {
    /// Regions to scan; `None` for every enabled region.
    pub regions: Option<Vec<String>>,
    /// Services to scan, by unit name ([`services`]: `ec2`, `elbv2`, `iam`, ...); `None` for
    /// all of them.
    pub services: Option<Vec<String>>,
    /// API requests in flight at once across the whole scan; also the most (region × service)
    /// units running at once.
    pub concurrency: usize,
    /// Per-resource calls in flight inside one unit.
    pub fanout: usize,
    /// Attempts per call, the first included (adaptive retry mode).
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    /// Time for one attempt of one call.
    pub attempt_timeout: Duration,
    /// Time for one call, retries included.
    pub operation_timeout: Duration,
    /// Time for the whole scan; what has not finished by then becomes coverage gaps.
    pub deadline: Option<Duration>,
    /// Days of CloudWatch metrics to summarise.
    pub metrics_days: u32,
    /// Records every call made, when set.
    pub calls: Option<CallLog>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            regions: None,
            services: None,
            concurrency: DEFAULT_CONCURRENCY,
            fanout: 8,
            max_attempts: 5,
            initial_backoff: Duration::from_secs(1),
            attempt_timeout: Duration::from_secs(20),
            operation_timeout: Duration::from_secs(90),
            deadline: None,
            metrics_days: 14,
            calls: None,
        }
    }
}

/// Why a scan produced no inventory at all.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot identify the account (STS GetCallerIdentity): {0}")]
    Identity(String),
    #[error(transparent)]
    UnknownRegion(#[from] wellscan_model::region::UnknownRegion),
    #[error("nothing could be read: {}", summarise(.gaps))]
    NothingRead { gaps: Vec<CoverageGap> },
}

impl ScanError {
    /// What went wrong, without the "nothing could be read" preamble.
    pub fn summary(&self) -> String {
        match self {
            ScanError::NothingRead { gaps } => summarise(gaps),
            other => other.to_string(),
        }
    }
}

fn summarise(gaps: &[CoverageGap]) -> String {
    let shown: Vec<String> = gaps
        .iter()
        .take(3)
        .map(|g| format!("{} {} {}: {}", g.region, g.service, g.operation, g.error))
        .collect();
    let more = gaps.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} (and {more} more)", shown.join("; "))
    } else {
        shown.join("; ")
    }
}
