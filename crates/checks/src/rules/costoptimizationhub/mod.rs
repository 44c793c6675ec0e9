pub mod commitment;
pub mod not_enrolled;
pub mod rightsizing;

use wellscan_model::{CostRecommendation, Resource};

use crate::Context;

/// AWS's figure for a recommendation, as the evidence quotes it: `$123.45 a month (34%)`.
pub(crate) fn figure(r: &CostRecommendation) -> String {
    let amount = if r.currency == "USD" {
        format!("${:.2}", r.monthly_savings)
    } else {
        format!("{:.2} {}", r.monthly_savings, r.currency)
    };
    match r.savings_percent {
        Some(p) => format!("{amount} a month ({p:.0}%)"),
        None => format!("{amount} a month"),
    }
}

/// The resource of the inventory a recommendation is about (by ARN, else by region and id),
/// so the finding names what the report already shows; `None` for what wellscan does not read.
pub(crate) fn resource_of<'a>(ctx: &Context<'a>, r: &CostRecommendation) -> Option<&'a Resource> {
    let id = r.resource_id.rsplit('/').next().unwrap_or(&r.resource_id);
    ctx.inventory.resources.iter().find(|res| {
        r.resource_arn.as_deref() == Some(res.arn())
            || (res.region() == r.region && (res.id() == r.resource_id || res.id() == id))
    })
}

/// An enrolled account's hub with these recommendations.
#[cfg(test)]
pub(crate) fn hub(recommendations: Vec<CostRecommendation>) -> Resource {
    wellscan_model::CostOptimizationHub {
        id: "123456789012".into(),
        arn: "arn:aws:cost-optimization-hub::123456789012:".into(),
        region: "global".into(),
        enrolled: true,
        recommendations,
        ..Default::default()
    }
    .into()
}

/// A recommendation from Compute Optimizer to move `resource_id` (an instance in us-east-1)
/// from m5.2xlarge to m5.large, saving $210.24 a month (75%).
#[cfg(test)]
pub(crate) fn recommendation(resource_id: &str, action: &str) -> CostRecommendation {
    CostRecommendation {
        id: format!("rec-{resource_id}"),
        resource_id: resource_id.into(),
        resource_arn: Some(format!(
            "arn:aws:ec2:us-east-1:123456789012:instance/{resource_id}"
        )),
        region: "us-east-1".into(),
        resource_type: "Ec2Instance".into(),
        action: action.into(),
        current: "m5.2xlarge".into(),
        recommended: "m5.large".into(),
        monthly_savings: 210.24,
        savings_percent: Some(75.0),
        currency: "USD".into(),
        effort: "Medium".into(),
        restart_needed: true,
        source: "ComputeOptimizer".into(),
    }
}
