//! Public REST API stages with no AWS WAF web ACL: nothing filters injection, scrapers or
//! floods before they reach the integration. Private APIs are reachable only from VPCs and are
//! not judged; HTTP and WebSocket APIs cannot take a web ACL (put CloudFront with one in front).

use wellscan_model::{ApiProtocol, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigateway.no_waf",
        pillar: Pillar::Security,
        related: &[Pillar::Reliability],
        best_practice: "SEC05-BP03",
        reads: &["apigateway:GET"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Public API Gateway stage has no WAF web ACL",
        action: "Associate an AWS WAF web ACL with the stage",
        remediation: "Create a regional web ACL with the AWS managed core rule set, known bad inputs and a rate-based rule, and associate it with the stage (the resource id is API_ID/STAGE). Console: AWS WAF > Web ACLs > (web ACL) > Associated AWS resources > Add, or API Gateway > Stages > (stage) > Web ACL. CLI: aws wafv2 associate-web-acl --region {region} --web-acl-arn WEB_ACL_ARN --resource-arn arn:aws:apigateway:REGION::/restapis/API_ID/stages/STAGE",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_api_stage) {
        if s.protocol != ApiProtocol::Rest || s.endpoint_type == "PRIVATE" {
            continue;
        }
        out.record(resource, s.web_acl.is_some(), || {
            format!(
                "{} REST API {} stage {} takes public traffic with no web ACL",
                s.endpoint_type.to_lowercase(),
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
    fn flags_public_rest_stages_without_a_web_acl() {
        let fails = failing(
            &CHECK,
            vec![
                stage("open/prod", |s| s.web_acl = None),
                stage("edge/prod", |s| {
                    s.web_acl = None;
                    s.endpoint_type = "EDGE".into();
                }),
                stage("guarded/prod", |_| {}),
                stage("inside/prod", |s| {
                    s.web_acl = None;
                    s.endpoint_type = "PRIVATE".into();
                }),
                http_stage("http/$default", |_| {}),
            ],
        );
        assert_eq!(fails, ["open/prod", "edge/prod"]);
    }
}
