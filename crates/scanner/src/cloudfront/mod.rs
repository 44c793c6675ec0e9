//! CloudFront: distributions (viewer protocol and compression of each behaviour, S3 origins and
//! their access control, the viewer certificate's TLS floor, WAF, HTTP version), with each
//! one's access logging, which only its configuration holds, and tags. A global unit.

use aws_sdk_cloudfront::types::{
    DistributionSummary, Origins, ViewerCertificate, ViewerProtocolPolicy,
};
use wellscan_model::{
    CloudfrontBehavior, CloudfrontDistribution, CloudfrontOrigin, Fact, GLOBAL_REGION,
};

use crate::unit::{Collected, Partial, UnitCtx};

#[tracing::instrument(skip_all, fields(service = "cloudfront"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let cloudfront = ctx.client::<aws_sdk_cloudfront::Client>();
    let listed = ctx
        .list(
            "ListDistributions",
            cloudfront.list_distributions().into_paginator().send(),
            |page| {
                page.distribution_list()
                    .map(|l| l.items().to_vec())
                    .unwrap_or_default()
            },
        )
        .await;
    let mut out = Collected::of(Vec::new());
    let found = out.absorb(listed);
    let cloudfront = &cloudfront;
    ctx.describe_each(&mut out, found, |summary| async move {
        let mut d = distribution(&summary);
        let (config, tags) = tokio::join!(
            cloudfront.get_distribution_config().id(&d.id).send(),
            cloudfront.list_tags_for_resource().resource(&d.arn).send(),
        );
        let mut gaps = Vec::new();
        match config {
            Ok(c) => {
                if let Some(config) = c.distribution_config() {
                    d.access_logging = config.logging().is_some_and(|l| l.enabled());
                    // The configuration is the whole truth; a listing may abridge these.
                    if let Some(o) = config.origins() {
                        d.origins = origins(o);
                    }
                    if let Some(v) = config.viewer_certificate() {
                        certificate(&mut d, v);
                    }
                }
            }
            Err(e) => {
                gaps.push(ctx.gap("GetDistributionConfig", &e));
                d.unknown.mark(Fact::DistributionLogging);
            }
        }
        match tags {
            Ok(t) => {
                d.tags = crate::unit::tags(
                    t.tags()
                        .map(|t| t.items())
                        .unwrap_or_default()
                        .iter()
                        .map(|t| (t.key(), t.value().unwrap_or_default())),
                )
            }
            Err(e) => {
                gaps.push(ctx.gap("ListTagsForResource", &e));
                d.unknown.mark(Fact::Tags);
            }
        }
        Partial::called(Some(d), gaps)
    })
    .await;
    out
}

fn distribution(s: &DistributionSummary) -> CloudfrontDistribution {
    let protocol = |p: &ViewerProtocolPolicy| p.as_str().to_string();
    let mut behaviors = Vec::new();
    if let Some(b) = s.default_cache_behavior() {
        behaviors.push(CloudfrontBehavior {
            path: "*".into(),
            viewer_protocol: protocol(b.viewer_protocol_policy()),
            compress: b.compress().unwrap_or(false),
        });
    }
    for b in s.cache_behaviors().map(|c| c.items()).unwrap_or_default() {
        behaviors.push(CloudfrontBehavior {
            path: b.path_pattern().to_string(),
            viewer_protocol: protocol(b.viewer_protocol_policy()),
            compress: b.compress().unwrap_or(false),
        });
    }
    let web_acl = Some(s.web_acl_id()).filter(|w| !w.is_empty());
    let mut d = CloudfrontDistribution {
        id: s.id().to_string(),
        arn: s.arn().to_string(),
        region: GLOBAL_REGION.into(),
        domain: s.domain_name().to_string(),
        aliases: s.aliases().map(|a| a.items().to_vec()).unwrap_or_default(),
        enabled: s.enabled(),
        behaviors,
        origins: s.origins().map(origins).unwrap_or_default(),
        default_certificate: true,
        web_acl: web_acl.map(String::from),
        http_version: s.http_version().as_str().to_string(),
        ..Default::default()
    };
    if let Some(v) = s.viewer_certificate() {
        certificate(&mut d, v);
    }
    d
}

fn origins(o: &Origins) -> Vec<CloudfrontOrigin> {
    o.items()
        .iter()
        .map(|o| {
            let identity = o
                .s3_origin_config()
                .is_some_and(|c| !c.origin_access_identity().is_empty());
            let control = o.origin_access_control_id().is_some_and(|c| !c.is_empty());
            CloudfrontOrigin {
                domain: o.domain_name().to_string(),
                s3: o.s3_origin_config().is_some() || s3_rest_endpoint(o.domain_name()),
                access_control: identity || control,
            }
        })
        .collect()
}

/// A bucket's REST endpoint (`BUCKET.s3.REGION.amazonaws.com`, `BUCKET.s3.amazonaws.com`), not
/// its website endpoint (`s3-website`), which serves only public content.
fn s3_rest_endpoint(domain: &str) -> bool {
    domain.ends_with(".amazonaws.com") && domain.contains(".s3.")
}

/// A certificate named (ACM or IAM) is the one viewers get, whatever else the answer says.
fn certificate(d: &mut CloudfrontDistribution, v: &ViewerCertificate) {
    let named = |id: Option<&str>| id.is_some_and(|id| !id.is_empty());
    d.default_certificate = !named(v.acm_certificate_arn()) && !named(v.iam_certificate_id());
    d.minimum_tls = v.minimum_protocol_version().map(|p| p.as_str().to_string());
}
