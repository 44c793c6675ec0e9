//! REST API stages whose response cache is on but not encrypted: every cached answer, with
//! whatever personal data or tokens it carries, sits in the cache in clear.

use wellscan_model::{ApiProtocol, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigateway.cache_unencrypted",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP02",
        reads: &["apigateway:GET"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "API Gateway stage cache is not encrypted",
        action: "Encrypt the stage's cached responses",
        remediation: "Turn on encryption of cached data for every method of the stage (the resource id is API_ID/STAGE). Console: API Gateway > APIs > (API) > Stages > (stage) > Stage details > Cache settings > Encrypt cache data. CLI: aws apigateway update-stage --region {region} --rest-api-id API_ID --stage-name STAGE --patch-operations 'op=replace,path=/*/*/caching/dataEncrypted,value=true'",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_api_stage) {
        if s.protocol != ApiProtocol::Rest || !s.cache_enabled {
            continue;
        }
        out.record(resource, s.cache_encrypted, || {
            format!(
                "REST API {} stage {} caches responses unencrypted",
                s.api_name, s.stage
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::apigateway::stage;
    use crate::testing::*;

    #[test]
    fn flags_enabled_caches_that_are_not_encrypted() {
        let fails = failing(
            &CHECK,
            vec![
                stage("clear/prod", |s| s.cache_encrypted = false),
                stage("sealed/prod", |_| {}),
                stage("uncached/prod", |s| {
                    s.cache_enabled = false;
                    s.cache_encrypted = false;
                }),
            ],
        );
        assert_eq!(fails, ["clear/prod"]);
    }
}
