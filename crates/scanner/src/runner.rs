//! Runs every (region × service) unit under one global limit, each followed by the metrics of
//! what it found, and assembles the inventory from whatever finished, with a gap for whatever did not.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use chrono::Utc;
use tokio::sync::Semaphore;
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::task::JoinSet;
use tracing::Instrument;
use wellscan_aws::Clients;
use wellscan_model::{
    CoverageGap, Discovery, GLOBAL_REGION, INVENTORY_SCHEMA_VERSION, Inventory, Resource, region,
};

use crate::cloudwatch::metrics;
use crate::limit::{self, Limited};
use crate::unit::{Collected, UnitCtx};
use crate::{Options, ScanError, account};

/// The inventory and how the scan went.
#[derive(Debug)]
pub struct ScanOutput {
    pub inventory: Inventory,
    /// The longest chain of calls that had to wait for each other, counted from the calls made.
    pub critical_path_calls: u32,
}

type Collect = for<'a> fn(&'a UnitCtx) -> Pin<Box<dyn Future<Output = Collected> + Send + 'a>>;

/// Units of scan work: the service name gaps and progress use, and its collector.
type Units = &'static [(&'static str, Collect)];

/// The per-region units.
const REGIONAL: Units = &[
    ("ec2", |c| Box::pin(crate::ec2::instances::collect(c))),
    ("ebs", |c| Box::pin(crate::ec2::volumes::collect(c))),
    ("vpc", |c| Box::pin(crate::ec2::network::collect(c))),
    ("rds", |c| Box::pin(crate::rds::collect(c))),
    ("lambda", |c| Box::pin(crate::lambda::collect(c))),
    ("cloudwatch", |c| Box::pin(crate::cloudwatch::collect(c))),
    ("cloudtrail", |c| Box::pin(crate::cloudtrail::collect(c))),
    ("kms", |c| Box::pin(crate::kms::collect(c))),
    ("logs", |c| Box::pin(crate::logs::collect(c))),
    ("dynamodb", |c| Box::pin(crate::dynamodb::collect(c))),
    ("elbv2", |c| Box::pin(crate::elbv2::collect(c))),
    ("autoscaling", |c| Box::pin(crate::autoscaling::collect(c))),
    ("sqs", |c| Box::pin(crate::sqs::collect(c))),
    ("sns", |c| Box::pin(crate::sns::collect(c))),
    ("secretsmanager", |c| {
        Box::pin(crate::secretsmanager::collect(c))
    }),
    ("acm", |c| Box::pin(crate::acm::collect(c))),
    ("guardduty", |c| Box::pin(crate::guardduty::collect(c))),
    ("securityhub", |c| Box::pin(crate::securityhub::collect(c))),
    ("config", |c| Box::pin(crate::config::collect(c))),
    ("backup", |c| Box::pin(crate::backup::collect(c))),
    ("efs", |c| Box::pin(crate::efs::collect(c))),
    ("ecr", |c| Box::pin(crate::ecr::collect(c))),
    ("ecs", |c| Box::pin(crate::ecs::collect(c))),
    ("eks", |c| Box::pin(crate::eks::collect(c))),
    ("elasticache", |c| Box::pin(crate::elasticache::collect(c))),
    ("elb", |c| Box::pin(crate::elb::collect(c))),
    ("apigateway", |c| Box::pin(crate::apigateway::collect(c))),
    ("ssm", |c| Box::pin(crate::ssm::collect(c))),
];

/// The names of every unit, per-region ones first: what [`Options::services`] chooses from.
pub fn services() -> impl Iterator<Item = &'static str> {
    REGIONAL.iter().chain(GLOBAL).map(|(name, _)| *name)
}

/// The account-wide units, run once.
const GLOBAL: Units = &[
    ("iam", |c| Box::pin(crate::iam::collect(c))),
    ("s3", |c| Box::pin(crate::s3::collect(c))),
    ("cloudfront", |c| Box::pin(crate::cloudfront::collect(c))),
    ("organizations", |c| {
        Box::pin(crate::organizations::collect(c))
    }),
    ("route53", |c| Box::pin(crate::route53::collect(c))),
    ("costoptimizationhub", |c| {
        Box::pin(crate::costoptimizationhub::collect(c))
    }),
];

/// Per-resource calls in flight for IAM, which throttles far below the other services.
const IAM_FANOUT: usize = 4;

/// One finished unit.
struct Finished {
    region: String,
    service: &'static str,
    collected: Collected,
}

/// Scans the account `sdk` reaches.
pub async fn scan(
    sdk: &SdkConfig,
    options: &Options,
    progress: &UnboundedSender<Discovery>,
) -> Result<ScanOutput, ScanError> {
    scan_units(sdk, options, progress, (REGIONAL, GLOBAL)).await
}

/// [`scan`] with the given per-region and account-wide units.
async fn scan_units(
    sdk: &SdkConfig,
    options: &Options,
    progress: &UnboundedSender<Discovery>,
    (regional, global): (Units, Units),
) -> Result<ScanOutput, ScanError> {
    let sdk = configure(sdk, options);
    let home = sdk
        .region()
        .map(|r| r.to_string())
        .unwrap_or_else(|| "us-east-1".to_string());
    let mut clients = Clients::new(sdk);
    if let Some(log) = &options.calls {
        clients = clients.intercepted(log.clone());
    }
    let mut ctx = UnitCtx {
        account_id: Arc::from(""),
        partition: Arc::from("aws"),
        region: home.clone(),
        // Before any unit: who the account is and its regions, asked of EC2 in the home region.
        resource_region: home.clone(),
        service: "ec2",
        clients,
        fanout: options.fanout,
    };
    // The deadline covers everything, the first calls included.
    let deadline = options.deadline.map(|d| tokio::time::Instant::now() + d);
    let identity = within(
        deadline,
        account::identity(&ctx).instrument(tracing::info_span!("identity")),
    )
    .await
    .unwrap_or_else(|| Err("no answer before the scan deadline".to_string()))
    .map_err(ScanError::Identity)?;
    ctx.account_id = Arc::from(identity.account_id.as_str());
    ctx.partition = Arc::from(identity.partition.as_str());
    let scanned_at = Utc::now();

    let mut gaps = Vec::new();
    let regions = within(
        deadline,
        account::regions(&ctx, &identity.partition).instrument(tracing::info_span!("regions")),
    )
    .await
    .unwrap_or_else(|| Err(ctx.unread("DescribeRegions", "no answer before the scan deadline")));
    let (regions, not_enabled) = match regions {
        Ok(found) => select(options.regions.as_deref(), found.enabled, found.not_enabled)?,
        Err(gap) => {
            gaps.push(gap);
            // Without the region list, scan what was asked for, or the home region.
            let asked = options
                .regions
                .clone()
                .unwrap_or_else(|| vec![home.clone()]);
            select(Some(&asked), asked.clone(), Vec::new())?
        }
    };
    let _ = progress.send(Discovery::Started {
        account_id: identity.account_id.clone(),
        regions: regions.clone(),
        not_enabled: not_enabled.clone(),
    });

    let limit = Arc::new(Semaphore::new(options.concurrency.max(1)));
    let (tx, mut rx) = mpsc::unbounded_channel::<Finished>();
    let mut tasks = JoinSet::new();
    let mut pending: BTreeSet<(String, &'static str)> = BTreeSet::new();
    let mut units_by_task = std::collections::HashMap::new();
    let window = Metrics {
        days: options.metrics_days,
        now: scanned_at,
    };
    // Global units first (IAM's chain is the scan's longest), then each regional unit in every
    // region before the next unit: the request limit lets units' first calls through in the
    // order they ask, and a region-major order left the last region's units, long chains
    // included, queued behind every other region's (scanner bench at 256 in flight: 1.70× the
    // critical path, now 1.37×).
    let units = global
        .iter()
        .map(|unit| (home.clone(), GLOBAL_REGION.to_string(), *unit))
        .chain(regional.iter().flat_map(|unit| {
            regions
                .iter()
                .map(move |region| (region.clone(), region.clone(), *unit))
        }))
        .filter(|(_, _, (service, _))| {
            options
                .services
                .as_ref()
                .is_none_or(|only| only.iter().any(|s| s == service))
        });
    for (call_region, resource_region, (service, collect)) in units {
        pending.insert((resource_region.clone(), service));
        let mut unit_ctx = ctx.clone();
        unit_ctx.region = call_region;
        unit_ctx.resource_region = resource_region.clone();
        unit_ctx.service = service;
        if service == "iam" {
            unit_ctx.fanout = unit_ctx.fanout.min(IAM_FANOUT);
        }
        let (limit, tx, progress) = (Arc::clone(&limit), tx.clone(), progress.clone());
        let unit = (resource_region.clone(), service);
        let task = tasks.spawn(async move {
            let mut collected =
                run_unit(&unit_ctx, &limit, &progress, service, collect, window).await;
            // Secrets leave nothing behind them from here on.
            collected.found.iter_mut().for_each(crate::redact::resource);
            let _ = tx.send(Finished {
                region: resource_region,
                service,
                collected,
            });
        });
        units_by_task.insert(task.id(), unit);
    }
    drop(tx);

    let mut resources: Vec<Resource> = Vec::new();
    let mut longest = 0;
    let mut absorb = |done: Finished| {
        pending.remove(&(done.region, done.service));
        longest = longest.max(done.collected.depth);
        resources.extend(done.collected.found);
        gaps.extend(done.collected.gaps);
    };
    let receive = async {
        while let Some(done) = rx.recv().await {
            absorb(done);
        }
    };
    let deadline_passed = within(deadline, receive).await.is_none();
    if deadline_passed {
        tasks.abort_all();
        // Units that finished just as the deadline passed are kept.
        while let Ok(done) = rx.try_recv() {
            absorb(done);
        }
        let _ = progress.send(Discovery::DeadlineReached);
        let seconds = options.deadline.map(|d| d.as_secs()).unwrap_or_default();
        for (region, service) in &pending {
            gaps.push(CoverageGap {
                region: region.clone(),
                service: service.to_string(),
                operation: "*".into(),
                error: format!("scan deadline of {seconds} s reached before this finished"),
            });
        }
    }
    // A collector that panicked sent nothing: its unit is a gap, never silently missing.
    while let Some(joined) = tasks.join_next().await {
        let Err(e) = joined else { continue };
        let Some((region, service)) = units_by_task.get(&e.id()).cloned() else {
            continue;
        };
        if !pending.remove(&(region.clone(), service)) || !e.is_panic() {
            continue;
        }
        let reason = panic_message(e.into_panic());
        tracing::error!(%region, service, %reason, "collector failed");
        gaps.push(CoverageGap {
            region,
            service: service.to_string(),
            operation: "*".into(),
            error: format!("wellscan's {service} collector failed: {reason}"),
        });
    }

    if resources.is_empty() && !gaps.is_empty() {
        return Err(ScanError::NothingRead { gaps });
    }
    resources.sort_by(|a, b| (a.region(), a.kind(), a.id()).cmp(&(b.region(), b.kind(), b.id())));
    gaps.sort();
    gaps.dedup();
    // STS and DescribeRegions come first; then the longest unit chain (its calls, then its metrics).
    Ok(ScanOutput {
        inventory: Inventory {
            schema_version: INVENTORY_SCHEMA_VERSION,
            account_id: identity.account_id,
            partition: identity.partition,
            account_alias: None,
            regions,
            regions_not_enabled: not_enabled,
            scanned_at,
            resources,
            coverage_gaps: gaps,
        },
        critical_path_calls: 2 + longest,
    })
}

/// Runs `work` to the end, or until `deadline` passes (`None`).
async fn within<T>(
    deadline: Option<tokio::time::Instant>,
    work: impl Future<Output = T>,
) -> Option<T> {
    match deadline {
        Some(at) => tokio::time::timeout_at(at, work).await.ok(),
        None => Some(work.await),
    }
}

/// Applies the scan's request limit, retry and timeout bounds to the caller's configuration.
fn configure(sdk: &SdkConfig, options: &Options) -> SdkConfig {
    sdk.to_builder()
        .http_client(Limited::new(sdk.http_client(), options.concurrency))
        .retry_config(
            RetryConfig::adaptive()
                .with_max_attempts(options.max_attempts.max(1))
                .with_initial_backoff(options.initial_backoff),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(
                    options
                        .attempt_timeout
                        .min(std::time::Duration::from_secs(10)),
                )
                .operation_attempt_timeout(options.attempt_timeout)
                .operation_timeout(options.operation_timeout)
                .build(),
        )
        .build()
}

/// The regions to scan: every enabled one, or those asked for. Asking for an unknown name is an
/// error; asking for a region the account has not enabled reports it instead of scanning it.
fn select(
    asked: Option<&[String]>,
    enabled: Vec<String>,
    not_enabled: Vec<String>,
) -> Result<(Vec<String>, Vec<String>), ScanError> {
    let Some(asked) = asked else {
        return Ok((enabled, not_enabled));
    };
    let mut scan = Vec::new();
    let mut skipped = Vec::new();
    for r in asked {
        // A region the account lists, enabled or not, is real even when newer than wellscan.
        if not_enabled.contains(r) {
            skipped.push(r.clone());
            continue;
        }
        region::check(r, &enabled)?;
        if !scan.contains(r) {
            scan.push(r.clone());
        }
    }
    Ok((scan, skipped))
}

/// When and over how long utilisation is summarised.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    days: u32,
    now: chrono::DateTime<Utc>,
}

/// One unit under the global limit: its collector, then the utilisation of what it found.
async fn run_unit(
    ctx: &UnitCtx,
    limit: &Semaphore,
    progress: &UnboundedSender<Discovery>,
    service: &'static str,
    collect: Collect,
    window: Metrics,
) -> Collected {
    let _permit = limit.acquire().await.ok();
    let region = ctx.resource_region.clone();
    let _ = progress.send(Discovery::UnitStarted {
        region: region.clone(),
        service: service.into(),
    });
    let span = tracing::info_span!("unit", %region, service);
    let collected = limit::unit(async {
        let mut collected = collect(ctx).instrument(span.clone()).await;
        if collected.found.iter().any(metrics::has_metrics) {
            let read = metrics::collect(ctx, &collected.found, window.days, window.now)
                .instrument(span)
                .await;
            collected.depth += read.depth;
            collected.gaps.extend(read.gaps);
            metrics::apply(&mut collected.found, read.found);
        }
        collected
    })
    .await;
    let _ = progress.send(Discovery::UnitFinished {
        region,
        service: service.into(),
        resources: collected.found.len(),
        gaps: collected.gaps.len(),
    });
    collected
}

/// What a panic said.
fn panic_message(panic: Box<dyn std::any::Any + Send>) -> String {
    match panic.downcast::<String>() {
        Ok(text) => *text,
        Err(panic) => panic
            .downcast_ref::<&str>()
            .map_or_else(|| "an internal error".to_string(), |s| s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn selection_reports_regions_not_enabled_and_refuses_unknown_ones() {
        let enabled = names(&["eu-west-1", "us-east-1"]);
        let off = names(&["af-south-1"]);
        let (scan, skipped) = select(None, enabled.clone(), off.clone()).expect("all");
        assert_eq!((scan, skipped), (enabled.clone(), off.clone()));
        let (scan, skipped) = select(
            Some(&names(&["us-east-1", "af-south-1"])),
            enabled.clone(),
            off.clone(),
        )
        .expect("some");
        assert_eq!(
            (scan, skipped),
            (names(&["us-east-1"]), names(&["af-south-1"]))
        );
        assert!(matches!(
            select(Some(&names(&["mars-1"])), enabled, off),
            Err(ScanError::UnknownRegion(_))
        ));
    }

    /// The unit table and the model's kinds name the same services: every kind is read by the
    /// unit its gaps and `--services` call it by, and every unit reads some kind.
    #[test]
    fn every_kind_has_its_unit_and_every_unit_its_kinds() {
        let units: BTreeSet<&str> = services().collect();
        let kinds: BTreeSet<&str> = wellscan_model::ResourceKind::ALL
            .iter()
            .map(|k| k.service())
            .collect();
        assert_eq!(units, kinds);
        assert_eq!(
            units.len(),
            REGIONAL.len() + GLOBAL.len(),
            "a unit named twice"
        );
    }

    async fn panics(_: &UnitCtx) -> Collected {
        panic!("index out of bounds: the len is 0 but the index is 0")
    }

    const WITH_A_PANIC: Units = &[
        // moto's default VPC and security group: something to keep.
        ("vpc", |c| Box::pin(crate::ec2::network::collect(c))),
        ("rds", |c| Box::pin(panics(c))),
    ];

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_collector_that_panics_is_a_coverage_gap_and_the_others_are_kept() {
        let moto = wellscan_testkit::MotoServer::start().expect("moto starts");
        let sdk = wellscan_testkit::sdk_config(&moto.endpoint(), "us-east-1").await;
        let options = Options {
            regions: Some(vec!["us-east-1".into()]),
            initial_backoff: std::time::Duration::from_millis(10),
            ..Options::default()
        };
        let (tx, _rx) = mpsc::unbounded_channel();
        let out = scan_units(&sdk, &options, &tx, (WITH_A_PANIC, &[]))
            .await
            .expect("the scan finishes");
        let gap = out
            .inventory
            .coverage_gaps
            .iter()
            .find(|g| g.service == "rds")
            .expect("the panicking unit is a gap");
        assert_eq!(gap.region, "us-east-1");
        assert!(
            gap.error.contains("collector failed: index out of bounds"),
            "{gap:?}"
        );
        assert!(
            !out.inventory
                .coverage_gaps
                .iter()
                .any(|g| g.service == "ec2"),
            "{:?}",
            out.inventory.coverage_gaps
        );
    }
}
