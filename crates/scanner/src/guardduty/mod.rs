//! GuardDuty: whether the region has an enabled detector. One resource per region whose
//! detectors were listed, so a region without GuardDuty is a fact.

use wellscan_aws::rest as api;
use wellscan_model::Guardduty;

use crate::json::{NEXT_TOKEN_LOWER, items, str};
use crate::unit::{Collected, UnitCtx};

/// GuardDuty's client.
type GuardDuty = api::Client<api::GuardDuty>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "guardduty"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let gd = ctx.client::<GuardDuty>();
    let mut ids = Vec::new();
    let mut out = crate::rest::pages(
        ctx,
        &gd,
        "ListDetectors",
        "/detector",
        &[],
        NEXT_TOKEN_LOWER,
        |page| ids.extend(items(&page, "detectorIds").filter_map(|d| d.as_str().map(String::from))),
    )
    .await
    .map(|()| Vec::new());
    if !out.gaps.is_empty() {
        return out;
    }
    let Some(id) = ids.into_iter().next() else {
        out.found.push(detector(ctx, "guardduty", false).into());
        return out;
    };
    out.depth += 1;
    let path = format!("/detector/{}", api::label(&id));
    match gd.get("GetDetector", &path, &[]).await {
        Ok(d) => {
            let enabled = str(&d, "status") == Some("ENABLED");
            out.found.push(detector(ctx, &id, enabled).into());
        }
        Err(e) => out.gaps.push(ctx.gap("GetDetector", &e)),
    }
    out
}

fn detector(ctx: &UnitCtx, id: &str, enabled: bool) -> Guardduty {
    Guardduty {
        id: id.to_string(),
        arn: ctx.arn("guardduty", &format!("detector/{id}")),
        region: ctx.region.clone(),
        enabled,
        ..Default::default()
    }
}
