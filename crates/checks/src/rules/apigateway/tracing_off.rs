//! REST API stages without X-Ray tracing: a slow or failing request cannot be followed from the
//! API into the functions and services behind it. (HTTP APIs do not trace.)

use wellscan_model::{ApiProtocol, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigateway.tracing_off",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::PerformanceEfficiency],
        best_practice: "OPS04-BP05",
        reads: &["apigateway:GET"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "API Gateway stage is not traced",
        action: "Turn on X-Ray tracing for the stage",
        remediation: "Turn on X-Ray tracing for the stage (the resource id is API_ID/STAGE), and active tracing on the functions behind it, so one request can be followed end to end. Console: API Gateway > APIs > (API) > Stages > (stage) > Logs and tracing > X-Ray tracing. CLI: aws apigateway update-stage --region {region} --rest-api-id API_ID --stage-name STAGE --patch-operations op=replace,path=/tracingEnabled,value=true",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_api_stage) {
        if s.protocol != ApiProtocol::Rest {
            continue;
        }
        out.record(resource, s.tracing, || {
            format!("REST API {} stage {} is not traced", s.api_name, s.stage)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::apigateway::{http_stage, stage};
    use crate::testing::*;

    #[test]
    fn flags_rest_stages_without_tracing() {
        let fails = failing(
            &CHECK,
            vec![
                stage("dark/prod", |s| s.tracing = false),
                stage("traced/prod", |_| {}),
                http_stage("http/$default", |_| {}),
            ],
        );
        assert_eq!(fails, ["dark/prod"]);
    }
}
