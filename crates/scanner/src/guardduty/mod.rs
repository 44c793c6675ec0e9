//! GuardDuty: whether the region has an enabled detector. One resource per region whose
//! detectors were listed, so a region without GuardDuty is a fact.

use wellscan_model::Guardduty;

use crate::unit::{Collected, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "guardduty"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let gd = ctx.client::<aws_sdk_guardduty::Client>();
    let mut ids = Vec::new();
    let mut out = ctx
        .pages(
            "ListDetectors",
            gd.list_detectors().into_paginator().send(),
            |page| ids.extend(page.detector_ids().iter().cloned()),
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
    match gd.get_detector().detector_id(&id).send().await {
        Ok(d) => {
            let enabled = d.status().is_some_and(|s| s.as_str() == "ENABLED");
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
