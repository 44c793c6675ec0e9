//! A unit of scan work: one service in one region (or a global service once). Collectors
//! get a [`UnitCtx`] and return what they found plus what they could not read.

use std::sync::Arc;

use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use wellscan_aws::{Clients, Service};
use wellscan_model::{CoverageGap, Resource, Tags};

/// What a collector produced: resources, gaps, and how long its chain of dependent calls was.
#[derive(Debug, Default)]
pub struct Collected {
    pub resources: Vec<Resource>,
    pub gaps: Vec<CoverageGap>,
    /// The longest chain of calls that had to wait for each other (pages, then per-resource calls).
    pub depth: u32,
}

impl Collected {
    pub fn merge(&mut self, other: Collected) {
        self.resources.extend(other.resources);
        self.gaps.extend(other.gaps);
        self.depth = self.depth.max(other.depth);
    }
}

/// Everything a collector needs: the account, the region, a shared SDK configuration and the
/// limits.
#[derive(Debug, Clone)]
pub struct UnitCtx {
    pub account_id: Arc<str>,
    pub partition: Arc<str>,
    /// The region this unit scans (for global services, the region their calls go to).
    pub region: String,
    /// The region recorded on what this unit finds (`global` for IAM).
    pub resource_region: String,
    /// Builds the unit's clients (with the call log on them, when one is kept).
    pub clients: Clients,
    /// Per-resource calls in flight inside one unit.
    pub fanout: usize,
}

impl UnitCtx {
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:{}:{service}:{}:{}:{resource}",
            self.partition, self.region, self.account_id
        )
    }

    /// A client of `C` in the unit's region.
    pub fn client<C: Service>(&self) -> C {
        self.clients.client_in(&self.region)
    }

    pub fn gap(&self, service: &str, operation: &str, error: impl Into<String>) -> CoverageGap {
        CoverageGap {
            region: self.resource_region.clone(),
            service: service.to_string(),
            operation: operation.to_string(),
            error: error.into(),
        }
    }

    /// Runs `f` over `items` with at most `fanout` in flight, keeping input order.
    pub async fn fan_out<T, F, Fut, O>(&self, items: Vec<T>, f: F) -> Vec<O>
    where
        F: Fn(T) -> Fut,
        Fut: std::future::Future<Output = O>,
    {
        use futures::StreamExt;
        futures::stream::iter(items)
            .map(f)
            .buffered(self.fanout.max(1))
            .collect()
            .await
    }
}

impl UnitCtx {
    /// Describes each listed item with `describe` (at most `fanout` at once, in listing order)
    /// and adds what comes back to `out`: the resources, their gaps, and one more link in the
    /// chain of calls.
    pub async fn describe_each<T, F, Fut, R>(&self, out: &mut Collected, items: Vec<T>, describe: F)
    where
        F: Fn(T) -> Fut,
        Fut: std::future::Future<Output = (Option<R>, Vec<CoverageGap>)>,
        R: Into<Resource>,
    {
        if items.is_empty() {
            return;
        }
        for (resource, gaps) in self.fan_out(items, describe).await {
            out.resources.extend(resource.map(Into::into));
            out.gaps.extend(gaps);
        }
        out.depth += 1;
    }
}

/// Reads every page of `pages` into `each`, counting each page as one call in the chain. The
/// first failed page ends the reading and becomes a gap; what was read before it is kept.
/// Returns the pages read (as `depth`) and the gap, for the caller to merge.
pub async fn drain<P, E>(
    mut pages: PaginationStream<Result<P, SdkError<E, HttpResponse>>>,
    ctx: &UnitCtx,
    (service, operation): (&str, &str),
    mut each: impl FnMut(P),
) -> Collected
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let mut out = Collected::default();
    while let Some(page) = pages.next().await {
        out.depth += 1;
        match page {
            Ok(page) => each(page),
            Err(e) => {
                out.gaps.push(crate::error::gap(
                    &ctx.resource_region,
                    service,
                    operation,
                    &e,
                ));
                break;
            }
        }
    }
    out
}

/// Tags from the SDK's key/value pairs. (Secret values are redacted, with every other
/// free-text field, when the runner gathers the unit's resources: `redact::resource`.)
pub fn tags<I, K, V>(pairs: I) -> Tags
where
    I: IntoIterator<Item = (K, V)>,
    K: Into<String>,
    V: Into<String>,
{
    pairs
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect()
}

/// A count of listed things as the model keeps it.
pub fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An SDK date-time as a chrono UTC time.
pub fn time(t: &aws_smithy_types::DateTime) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}
