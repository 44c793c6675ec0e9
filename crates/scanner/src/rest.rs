//! Listings of the REST-JSON services (Security Hub, GuardDuty, EKS, EFS, Lambda, AWS Backup,
//! API Gateway), whose calls go through wellscan's own client (`wellscan_aws::rest`); their
//! answers are read with `crate::json`'s readers.

use serde_json::Value;
use wellscan_aws::json;
use wellscan_aws::rest::{Api, Client};

use crate::unit::{Paging, Partial, UnitCtx};

/// Every page of the listing `action` at `path` (with `query`) into `each`, one call in the
/// chain per page; the first failed page becomes a gap.
pub(crate) async fn pages<A: Api>(
    ctx: &UnitCtx,
    client: &Client<A>,
    action: &'static str,
    path: &str,
    query: &[(&str, &str)],
    paging: Paging,
    each: impl FnMut(Value),
) -> Partial<()> {
    ctx.token_pages(
        action,
        |next| client.page(action, path, query, paging.request, next),
        |answer| json::next_token(answer, paging.answer),
        each,
    )
    .await
}
