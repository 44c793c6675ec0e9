//! ACM: certificates of every key type, with their expiry, key algorithm, users and tags.

use serde_json::json;
use wellscan_aws::json as api;
use wellscan_model::{Certificate, Fact};

use crate::json::{NEXT_TOKEN, items, pairs, str, text, time};
use crate::unit::{Collected, Partial, UnitCtx, count};

/// ACM's client.
type Acm = api::Client<api::Acm>;

/// Every key algorithm ACM issues or imports: ListCertificates returns RSA-2048 certificates
/// unless asked for the others.
const KEY_TYPES: [&str; 7] = [
    "RSA_1024",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
];

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "acm"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let acm = ctx.client::<Acm>();
    let every_key = json!({ "Includes": { "keyTypes": KEY_TYPES } });
    let mut out = Collected::default();
    let mut arns = Vec::new();
    let read = crate::json::pages(
        ctx,
        &acm,
        "ListCertificates",
        &every_key,
        NEXT_TOKEN,
        |page| {
            arns.extend(
                items(&page, "CertificateSummaryList")
                    .filter_map(|c| str(c, "CertificateArn").map(String::from)),
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
async fn certificate(ctx: &UnitCtx, acm: &Acm, arn: String) -> Partial<Option<Certificate>> {
    let mut c = Certificate {
        id: arn.rsplit('/').next().unwrap_or(&arn).to_string(),
        arn: arn.clone(),
        region: ctx.region.clone(),
        ..Default::default()
    };
    let by_arn = json!({ "CertificateArn": arn });
    let (detail, tags) = tokio::join!(
        acm.call("DescribeCertificate", &by_arn),
        acm.call("ListTagsForCertificate", &by_arn),
    );
    let mut gaps = Vec::new();
    match detail.as_ref().map(|d| d.get("Certificate")) {
        Ok(Some(d)) => {
            c.domain = text(d, "DomainName");
            c.status = text(d, "Status");
            c.cert_type = text(d, "Type");
            c.key_algorithm = text(d, "KeyAlgorithm");
            c.not_after = time(d, "NotAfter");
            c.in_use_by = count(items(d, "InUseBy").count());
        }
        Ok(None) => {}
        Err(e) => {
            gaps.push(ctx.gap("DescribeCertificate", e));
            c.unknown
                .mark_all(&[Fact::KeyAlgorithm, Fact::NotAfter, Fact::InUseBy]);
        }
    }
    match tags {
        Ok(t) => c.tags = crate::unit::tags(pairs(&t, "Tags", "Key", "Value")),
        Err(e) => {
            gaps.push(ctx.gap("ListTagsForCertificate", &e));
            c.unknown.mark(Fact::Tags);
        }
    }
    Partial::called(Some(c), gaps)
}
