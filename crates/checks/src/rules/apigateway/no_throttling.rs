//! API stages with no throttle of their own: only the account's Region-wide limit (10,000
//! requests a second, shared by every API) stands between a burst and the functions, databases
//! and quotas behind the API. A stage limit at or above that default protects nothing.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigateway.no_throttling",
        pillar: Pillar::Reliability,
        related: &[Pillar::Sustainability, Pillar::CostOptimization],
        best_practice: "REL05-BP02",
        reads: &["apigateway:GET"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Strengthens,
        title: "API Gateway stage has no throttling of its own",
        action: "Set a stage throttle the backend can sustain",
        remediation: "Set the stage's default rate and burst limits to what the integration behind it can serve (and per-client limits with usage plans), so excess requests get 429 instead of overloading it (the resource id is API_ID/STAGE; for an HTTP API, apigatewayv2 update-stage takes --default-route-settings). Console: API Gateway > APIs > (API) > Stages > (stage) > Stage details > Throttling. CLI: aws apigateway update-stage --region {region} --rest-api-id API_ID --stage-name STAGE --patch-operations 'op=replace,path=/*/*/throttling/rateLimit,value=500' 'op=replace,path=/*/*/throttling/burstLimit,value=1000'",
    },
    evaluate,
};

/// The account's default steady-state limit per Region, requests per second.
const ACCOUNT_DEFAULT_RPS: f64 = 10_000.0;

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_api_stage) {
        let limited = s
            .throttling_rate_limit
            .is_some_and(|rate| rate < ACCOUNT_DEFAULT_RPS);
        out.record(resource, limited, || match s.throttling_rate_limit {
            Some(rate) => format!(
                "{} API {} stage {} is limited at {rate:.0} requests a second, not below the account's own limit",
                s.protocol.title(),
                s.api_name,
                s.stage
            ),
            None => format!(
                "{} API {} stage {} has only the account's limit",
                s.protocol.title(),
                s.api_name,
                s.stage
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::apigateway::{http_stage, stage};
    use crate::testing::*;

    #[test]
    fn flags_stages_without_a_limit_below_the_accounts() {
        let fails = failing(
            &CHECK,
            vec![
                stage("open/prod", |s| s.throttling_rate_limit = None),
                stage("default/prod", |s| s.throttling_rate_limit = Some(10_000.0)),
                stage("limited/prod", |_| {}),
                http_stage("h-open/$default", |s| s.throttling_rate_limit = None),
                http_stage("h-limited/$default", |_| {}),
            ],
        );
        assert_eq!(fails, ["open/prod", "default/prod", "h-open/$default"]);
    }
}
