//! Listings of the Query services (EC2, IAM, RDS, CloudWatch, the load balancers, Auto Scaling,
//! ElastiCache, SNS), whose calls go through wellscan's own client (`wellscan_aws::query`) and
//! whose answers are read by the services' wire names.

use chrono::{DateTime, Utc};
use wellscan_aws::query::{self, Api, Client, Element};

use crate::unit::{Paging, Partial, UnitCtx};

/// EC2's `nextToken`.
pub(crate) const EC2_TOKEN: Paging = Paging {
    request: "NextToken",
    answer: "nextToken",
};

/// `NextToken` both ways (Auto Scaling, CloudWatch, SNS).
pub(crate) const NEXT_TOKEN: Paging = Paging {
    request: "NextToken",
    answer: "NextToken",
};

/// `Marker` both ways (IAM, RDS, ElastiCache).
pub(crate) const MARKER: Paging = Paging {
    request: "Marker",
    answer: "Marker",
};

/// `NextMarker` in the answer, `Marker` in the next request (both load balancer APIs).
pub(crate) const NEXT_MARKER: Paging = Paging {
    request: "Marker",
    answer: "NextMarker",
};

/// Every page of the listing `action` (with `params`) into `each`, one call in the chain per
/// page; the first failed page becomes a gap.
pub(crate) async fn pages<A: Api>(
    ctx: &UnitCtx,
    client: &Client<A>,
    action: &'static str,
    params: &[(&str, &str)],
    paging: Paging,
    each: impl FnMut(Element),
) -> Partial<()> {
    ctx.token_pages(
        action,
        |token| client.page(action, params, paging.request, token),
        |answer| query::next_token(answer, paging.answer),
        each,
    )
    .await
}

/// [`pages`], keeping what `items` takes from each page.
pub(crate) async fn list<A: Api, T>(
    ctx: &UnitCtx,
    client: &Client<A>,
    action: &'static str,
    params: &[(&str, &str)],
    paging: Paging,
    mut items: impl FnMut(&Element) -> Vec<T>,
) -> Partial<Vec<T>> {
    let mut found = Vec::new();
    let read = pages(ctx, client, action, params, paging, |page| {
        found.extend(items(&page))
    })
    .await;
    read.map(|()| found)
}

/// The time in `resource`'s field `name` (the services write ISO 8601:
/// `2024-01-31T10:00:00.000Z`).
pub(crate) fn time(resource: &Element, name: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(resource.text(name)?.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Query's list parameters: `prefix.member.1=a&prefix.member.2=b`.
pub(crate) fn members(prefix: &str, values: &[String]) -> Vec<(String, String)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("{prefix}.member.{}", i + 1), v.clone()))
        .collect()
}

/// Borrowed pairs for [`Client::call`].
pub(crate) fn borrowed(params: &[(String, String)]) -> Vec<(&str, &str)> {
    params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The text of `resource`'s field `name`, "" when the service left it out.
pub(crate) fn text(resource: &Element, name: &str) -> String {
    resource.text(name).unwrap_or_default().to_string()
}

/// `resource`'s field `name` read as a flag: false when the service left it out.
pub(crate) fn flag(resource: &Element, name: &str) -> bool {
    resource.bool(name).unwrap_or(false)
}

/// `resource`'s field `name` read as a count (days, GiB, nodes): 0 when left out or negative.
pub(crate) fn whole(resource: &Element, name: &str) -> u32 {
    resource
        .int(name)
        .and_then(|n| u32::try_from(n.max(0)).ok())
        .unwrap_or(0)
}
