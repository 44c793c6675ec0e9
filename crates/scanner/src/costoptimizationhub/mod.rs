//! Cost Optimization Hub: whether the account is enrolled (ListEnrollmentStatuses) and, when it
//! is, every recommendation AWS computed for it (ListRecommendations). A global unit; the
//! service answers in us-east-1 only.

use serde_json::Value;
use wellscan_aws::json as api;
use wellscan_model::{CostOptimizationHub, CostRecommendation, Fact, GLOBAL_REGION};

use crate::json::{NEXT_TOKEN_LOWER, bool, items, str, text};
use crate::unit::{Collected, UnitCtx};

/// Cost Optimization Hub's client.
type Hub = api::Client<api::CostOptimizationHub>;

/// The one region Cost Optimization Hub answers in.
const HUB_REGION: &str = "us-east-1";

#[tracing::instrument(skip_all, fields(service = "costoptimizationhub"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let hub = ctx.clients.client_in::<Hub>(HUB_REGION);
    let account = ctx.account_id.to_string();
    let mut listed = crate::json::list(
        ctx,
        &hub,
        "ListEnrollmentStatuses",
        &Value::Null,
        NEXT_TOKEN_LOWER,
        |page| {
            items(page, "items")
                .filter(|s| str(s, "accountId").is_none_or(|id| id == account))
                .map(|s| str(s, "status").map(String::from))
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
        let recommendations = crate::json::list(
            ctx,
            &hub,
            "ListRecommendations",
            &Value::Null,
            NEXT_TOKEN_LOWER,
            |page| items(page, "items").filter_map(recommendation).collect(),
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

fn recommendation(r: &Value) -> Option<CostRecommendation> {
    Some(CostRecommendation {
        id: str(r, "recommendationId")?.to_string(),
        resource_id: text(r, "resourceId"),
        resource_arn: str(r, "resourceArn").map(String::from),
        region: text(r, "region"),
        resource_type: text(r, "currentResourceType"),
        action: text(r, "actionType"),
        current: text(r, "currentResourceSummary"),
        recommended: text(r, "recommendedResourceSummary"),
        monthly_savings: r
            .get("estimatedMonthlySavings")
            .and_then(Value::as_f64)
            .unwrap_or(0.0),
        savings_percent: r.get("estimatedSavingsPercentage").and_then(Value::as_f64),
        currency: str(r, "currencyCode").unwrap_or("USD").to_string(),
        effort: text(r, "implementationEffort"),
        restart_needed: bool(r, "restartNeeded").unwrap_or(false),
        source: text(r, "source"),
    })
}
