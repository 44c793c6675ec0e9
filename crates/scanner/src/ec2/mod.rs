//! EC2, EBS and VPC: instances, volumes, snapshots, security groups, VPCs, Elastic IPs, NAT
//! gateways and the EBS encryption default. Each file is one unit of work. The calls go through
//! wellscan's own EC2 client (`wellscan_aws::ec2`), whose answers are read by EC2's wire names.

pub mod instances;
pub mod network;
pub mod volumes;

use chrono::{DateTime, Utc};
use wellscan_aws::ec2::{self, Element};
use wellscan_model::Tags;

use crate::unit::{Partial, UnitCtx};

/// A resource's `tagSet`.
pub(crate) fn tags(resource: &Element) -> Tags {
    crate::unit::tags(resource.tags().map(|(k, v)| (k.to_string(), v.to_string())))
}

/// The time in `resource`'s field `name` (EC2 writes `2024-01-31T10:00:00.000Z`).
pub(crate) fn time(resource: &Element, name: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(resource.text(name)?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Every page of the listing `action` (with `params`) into `each`, one call in the chain per
/// page; the first failed page becomes a gap.
pub(crate) async fn pages(
    ctx: &UnitCtx,
    client: &ec2::Client,
    action: &'static str,
    params: &[(&str, &str)],
    each: impl FnMut(Element),
) -> Partial<()> {
    ctx.token_pages(
        action,
        |token| client.page(action, params, token),
        ec2::next_token,
        each,
    )
    .await
}

/// [`pages`], keeping what `items` takes from each page.
pub(crate) async fn list<T>(
    ctx: &UnitCtx,
    client: &ec2::Client,
    action: &'static str,
    params: &[(&str, &str)],
    mut items: impl FnMut(&Element) -> Vec<T>,
) -> Partial<Vec<T>> {
    let mut found = Vec::new();
    let read = pages(ctx, client, action, params, |page| {
        found.extend(items(&page))
    })
    .await;
    read.map(|()| found)
}
