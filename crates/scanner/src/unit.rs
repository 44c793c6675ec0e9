//! A unit of scan work: one service in one region (or a global service once). Collectors
//! get a [`UnitCtx`] and return what they found plus what they could not read.

use std::sync::Arc;

use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use wellscan_aws::{Clients, Service};
use wellscan_model::{CoverageGap, Resource, Tags};

pub use crate::partial::{Collected, Partial};

/// Everything a collector needs: the account, the region, the unit's name, its clients and the
/// limits.
#[derive(Debug, Clone)]
pub struct UnitCtx {
    pub account_id: Arc<str>,
    pub partition: Arc<str>,
    /// The region this unit scans (for global services, the region their calls go to).
    pub region: String,
    /// The region recorded on what this unit finds (`global` for IAM).
    pub resource_region: String,
    /// The unit's name, which its coverage gaps carry (`ec2`, `vpc`, `iam`).
    pub service: &'static str,
    /// Builds the unit's clients (with the call log on them, when one is kept).
    pub clients: Clients,
    /// Per-resource calls in flight inside one unit.
    pub fanout: usize,
}

/// How a listing continues: the request's field that carries the token and the answer's
/// field that gives it (a Query parameter or a JSON member).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paging {
    pub request: &'static str,
    pub answer: &'static str,
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

    /// The coverage gap of a call that failed.
    pub fn gap<E>(&self, operation: &str, error: &SdkError<E, HttpResponse>) -> CoverageGap
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        crate::error::gap(&self.resource_region, self.service, operation, error)
    }

    /// The coverage gap of a read that did not happen, in wellscan's own words.
    pub fn unread(&self, operation: &str, reason: impl Into<String>) -> CoverageGap {
        CoverageGap {
            region: self.resource_region.clone(),
            service: self.service.to_string(),
            operation: operation.to_string(),
            error: reason.into(),
        }
    }

    /// The same unit, its gaps naming `service`: for a fact one unit reads from another
    /// service (the IAM unit reads S3's account-wide public access block).
    pub fn as_service(&self, service: &'static str) -> UnitCtx {
        UnitCtx {
            service,
            ..self.clone()
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
    /// Reads every page of a listing into `each`, counting each page as one call in the chain.
    /// The first failed page ends the reading and becomes a gap; what was read before it is
    /// kept.
    pub async fn pages<P, E>(
        &self,
        operation: &str,
        mut pages: PaginationStream<Result<P, SdkError<E, HttpResponse>>>,
        mut each: impl FnMut(P),
    ) -> Partial<()>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut out = Partial::of(());
        while let Some(page) = pages.next().await {
            out.depth += 1;
            match page {
                Ok(page) => each(page),
                Err(e) => {
                    out.gaps.push(self.gap(operation, &e));
                    break;
                }
            }
        }
        out
    }

    /// [`UnitCtx::pages`] for a listing the SDK has no paginator for: `call` sends the request
    /// for one continuation token (a string, or the several fields Route 53 continues from),
    /// `next` reads the following token from its answer. A token the service gives twice ends
    /// the listing, as the SDK's paginators do.
    pub async fn token_pages<T, P, E, F, Fut>(
        &self,
        operation: &str,
        mut call: F,
        next: impl Fn(&P) -> Option<T>,
        mut each: impl FnMut(P),
    ) -> Partial<()>
    where
        T: Clone + PartialEq,
        F: FnMut(Option<T>) -> Fut,
        Fut: std::future::Future<Output = Result<P, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut out = Partial::of(());
        let mut token: Option<T> = None;
        loop {
            out.depth += 1;
            match call(token.clone()).await {
                Ok(page) => {
                    let following = next(&page);
                    each(page);
                    match following {
                        Some(t) if Some(&t) != token.as_ref() => token = Some(t),
                        _ => break,
                    }
                }
                Err(e) => {
                    out.gaps.push(self.gap(operation, &e));
                    break;
                }
            }
        }
        out
    }

    /// [`UnitCtx::pages`], keeping what `items` takes from each page.
    pub async fn list<P, E, T>(
        &self,
        operation: &str,
        pages: PaginationStream<Result<P, SdkError<E, HttpResponse>>>,
        mut items: impl FnMut(P) -> Vec<T>,
    ) -> Partial<Vec<T>>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut found = Vec::new();
        let read = self
            .pages(operation, pages, |page| found.extend(items(page)))
            .await;
        read.map(|()| found)
    }

    /// Describes each listed item with `describe` (at most `fanout` at once, in listing order)
    /// and adds what comes back to `out`: the resources, their gaps, and the longest of their
    /// chains (at least one call) after the listing's.
    pub async fn describe_each<T, F, Fut, R>(&self, out: &mut Collected, items: Vec<T>, describe: F)
    where
        F: Fn(T) -> Fut,
        Fut: std::future::Future<Output = Partial<Option<R>>>,
        R: Into<Resource>,
    {
        if items.is_empty() {
            return;
        }
        let mut longest = 1;
        for described in self.fan_out(items, describe).await {
            longest = longest.max(described.depth);
            out.gaps.extend(described.gaps);
            out.found.extend(described.found.map(Into::into));
        }
        out.depth += longest;
    }
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
