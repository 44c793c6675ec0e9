//! ACM: certificates of every key type, with their expiry, key algorithm, users and tags.

use aws_sdk_acm::types::{Filters, KeyAlgorithm};
use wellscan_model::{Certificate, Fact};

use crate::unit::{Collected, Partial, UnitCtx, count, time};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "acm"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let acm = ctx.client::<aws_sdk_acm::Client>();
    // ListCertificates returns RSA-2048 certificates unless asked for the other key types.
    let every_key = Filters::builder()
        .set_key_types(Some(
            KeyAlgorithm::values()
                .iter()
                .map(|k| KeyAlgorithm::from(*k))
                .collect(),
        ))
        .build();
    let mut out = Collected::default();
    let mut arns = Vec::new();
    let read = ctx
        .pages(
            "ListCertificates",
            acm.list_certificates()
                .includes(every_key)
                .into_paginator()
                .send(),
            |page| {
                arns.extend(
                    page.certificate_summary_list()
                        .iter()
                        .filter_map(|c| c.certificate_arn().map(String::from)),
                )
            },
        )
        .await;
    out.absorb(read);
    ctx.describe_each(&mut out, arns, |arn| {
        let acm = acm.clone();
        async move { certificate(ctx, &acm, arn).await }
    })
    .await;
    out
}

/// DescribeCertificate and ListTagsForCertificate side by side.
async fn certificate(
    ctx: &UnitCtx,
    acm: &aws_sdk_acm::Client,
    arn: String,
) -> Partial<Option<Certificate>> {
    let mut c = Certificate {
        id: arn.rsplit('/').next().unwrap_or(&arn).to_string(),
        arn: arn.clone(),
        region: ctx.region.clone(),
        ..Default::default()
    };
    let (detail, tags) = tokio::join!(
        acm.describe_certificate().certificate_arn(&arn).send(),
        acm.list_tags_for_certificate().certificate_arn(&arn).send(),
    );
    let mut gaps = Vec::new();
    match detail.map(|d| d.certificate) {
        Ok(Some(d)) => {
            c.domain = d.domain_name().unwrap_or_default().to_string();
            c.status = d
                .status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default();
            c.cert_type = d
                .r#type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default();
            c.key_algorithm = d
                .key_algorithm()
                .map(|k| k.as_str().to_string())
                .unwrap_or_default();
            c.not_after = d.not_after().and_then(time);
            c.in_use_by = count(d.in_use_by().len());
        }
        Ok(None) => {}
        Err(e) => {
            gaps.push(ctx.gap("DescribeCertificate", &e));
            c.unknown
                .mark_all(&[Fact::KeyAlgorithm, Fact::NotAfter, Fact::InUseBy]);
        }
    }
    match tags {
        Ok(t) => {
            c.tags = crate::unit::tags(t.tags().iter().map(|x| {
                (
                    x.key().to_string(),
                    x.value().unwrap_or_default().to_string(),
                )
            }))
        }
        Err(e) => {
            gaps.push(ctx.gap("ListTagsForCertificate", &e));
            c.unknown.mark(Fact::Tags);
        }
    }
    Partial::called(Some(c), gaps)
}
