//! API stages without access logs: no record of who called which route, from where, with what
//! result, to investigate an incident or an abuse with.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigateway.access_logging_off",
        pillar: Pillar::Security,
        related: &[Pillar::OperationalExcellence],
        best_practice: "SEC04-BP01",
        reads: &["apigateway:GET"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "API Gateway stage has no access logging",
        action: "Send the stage's access logs to CloudWatch Logs or Firehose",
        remediation: "Create a log group for the API's access logs and set it, with a format that records the caller, route, status and request id, as the stage's access log destination (the resource id is API_ID/STAGE; for an HTTP API, apigatewayv2 update-stage takes --access-log-settings). Console: API Gateway > APIs > (API) > Stages > (stage) > Logs and tracing > Custom access logging. CLI: aws apigateway update-stage --region {region} --rest-api-id API_ID --stage-name STAGE --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=LOG_GROUP_ARN",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_api_stage) {
        out.record(resource, s.access_log_destination.is_some(), || {
            format!(
                "{} API {} stage {} keeps no access log",
                s.protocol.title(),
                s.api_name,
                s.stage
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::apigateway::{http_stage, stage};
    use crate::testing::*;

    #[test]
    fn flags_rest_and_http_stages_without_access_logs() {
        let fails = failing(
            &CHECK,
            vec![
                stage("a1/prod", |s| s.access_log_destination = None),
                stage("a2/prod", |_| {}),
                http_stage("h1/$default", |s| s.access_log_destination = None),
                http_stage("h2/$default", |_| {}),
            ],
        );
        assert_eq!(fails, ["a1/prod", "h1/$default"]);
    }
}
