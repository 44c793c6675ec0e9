//! Cost Optimization Hub: whether the account is enrolled (ListEnrollmentStatuses) and, when it
//! is, every recommendation AWS computed for it (ListRecommendations). A global unit; the
//! service answers in us-east-1 only.

use aws_sdk_costoptimizationhub::types::Recommendation;
use wellscan_model::{CostOptimizationHub, CostRecommendation, Fact, GLOBAL_REGION};

use crate::unit::{Collected, UnitCtx};

/// The one region Cost Optimization Hub answers in.
const HUB_REGION: &str = "us-east-1";

#[tracing::instrument(skip_all, fields(service = "costoptimizationhub"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let hub = ctx
        .clients
        .client_in::<aws_sdk_costoptimizationhub::Client>(HUB_REGION);
    let account = ctx.account_id.to_string();
    let mut listed = ctx
        .list(
            "ListEnrollmentStatuses",
            hub.list_enrollment_statuses().into_paginator().send(),
            |page| {
                page.items()
                    .iter()
                    .filter(|s| s.account_id().is_none_or(|id| id == account))
                    .map(|s| s.status().map(|s| s.as_str().to_string()))
                    .collect()
            },
        )
        .await;
    let statuses = listed.take_whole();
    let mut out = Collected::of(Vec::new());
    out.absorb(listed);
    let Some(statuses) = statuses else {
        return out;
    };
    let mut record = CostOptimizationHub {
        id: account.clone(),
        arn: format!("arn:{}:cost-optimization-hub::{account}:", ctx.partition),
        region: GLOBAL_REGION.to_string(),
        enrolled: statuses.iter().any(|s| s.as_deref() == Some("Active")),
        ..Default::default()
    };
    if record.enrolled {
        let recommendations = ctx
            .list(
                "ListRecommendations",
                hub.list_recommendations().into_paginator().send(),
                |page| page.items().iter().filter_map(recommendation).collect(),
            )
            .await;
        // The recommendations follow the enrolment.
        out.depth += recommendations.depth;
        if !recommendations.whole() {
            record.unknown.mark(Fact::Recommendations);
        }
        out.gaps.extend(recommendations.gaps);
        record.recommendations = recommendations.found;
    }
    out.push(record);
    out
}

fn recommendation(r: &Recommendation) -> Option<CostRecommendation> {
    Some(CostRecommendation {
        id: r.recommendation_id()?.to_string(),
        resource_id: r.resource_id().unwrap_or_default().to_string(),
        resource_arn: r.resource_arn().map(String::from),
        region: r.region().unwrap_or_default().to_string(),
        resource_type: r.current_resource_type().unwrap_or_default().to_string(),
        action: r.action_type().unwrap_or_default().to_string(),
        current: r.current_resource_summary().unwrap_or_default().to_string(),
        recommended: r
            .recommended_resource_summary()
            .unwrap_or_default()
            .to_string(),
        monthly_savings: r.estimated_monthly_savings().unwrap_or(0.0),
        savings_percent: r.estimated_savings_percentage(),
        currency: r.currency_code().unwrap_or("USD").to_string(),
        effort: r.implementation_effort().unwrap_or_default().to_string(),
        restart_needed: r.restart_needed().unwrap_or(false),
        source: r
            .source()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
    })
}
