//! EC2, EBS and VPC: instances, volumes, snapshots, security groups, VPCs, Elastic IPs, NAT
//! gateways and the EBS encryption default. Each file is one unit of work. The calls go through
//! wellscan's own Query client (`wellscan_aws::query`), whose answers are read by EC2's wire
//! names.

pub mod instances;
pub mod network;
pub mod volumes;

use wellscan_aws::query::{self, Element};
use wellscan_model::Tags;

use crate::query::EC2_TOKEN;
use crate::unit::{Partial, UnitCtx};

/// A resource's `tagSet`.
pub(crate) fn tags(resource: &Element) -> Tags {
    crate::unit::tags(resource.tags().map(|(k, v)| (k.to_string(), v.to_string())))
}

/// EC2's client.
pub(crate) type Ec2 = query::Client<query::Ec2>;

/// Every page of the listing `action` (with `params`) into `each`, one call in the chain per
/// page; the first failed page becomes a gap.
pub(crate) async fn pages(
    ctx: &UnitCtx,
    client: &Ec2,
    action: &'static str,
    params: &[(&str, &str)],
    each: impl FnMut(Element),
) -> Partial<()> {
    crate::query::pages(ctx, client, action, params, EC2_TOKEN, each).await
}

/// [`pages`], keeping what `items` takes from each page.
pub(crate) async fn list<T>(
    ctx: &UnitCtx,
    client: &Ec2,
    action: &'static str,
    params: &[(&str, &str)],
    items: impl FnMut(&Element) -> Vec<T>,
) -> Partial<Vec<T>> {
    crate::query::list(ctx, client, action, params, EC2_TOKEN, items).await
}
