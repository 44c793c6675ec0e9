//! CloudFront: a distribution that allows HTTP, accepts TLS 1.0, has no web ACL, keeps no logs,
//! reads a public S3 origin, does not compress and speaks only HTTP/1.1, beside one with none
//! of those problems.

use aws_sdk_cloudfront::types::{
    DefaultCacheBehavior, DistributionConfig, HttpVersion, LoggingConfig, MinimumProtocolVersion,
    Origin, Origins, S3OriginConfig, SslSupportMethod, ViewerCertificate, ViewerProtocolPolicy,
};

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["cloudfront"],
    cases: &[],
    actions: &[
        "cloudfront:GetDistributionConfig",
        "cloudfront:ListDistributions",
        "cloudfront:ListTagsForResource",
    ],
};

/// The distributions' ids are CloudFront's: the cases name them once they exist.
const CHECKS: &[&str] = &[
    "cloudfront.viewer_http_allowed",
    "cloudfront.old_tls",
    "cloudfront.no_waf",
    "cloudfront.logging_off",
    "cloudfront.s3_origin_open",
    "cloudfront.compression_off",
    "cloudfront.http1_only",
];

async fn distribution(account: &Account, name: &str, good: bool) -> String {
    let certificate = aws_sdk_acm::Client::new(&account.east)
        .request_certificate()
        .domain_name(format!("{name}.example.com"))
        .send()
        .await
        .expect("certificate")
        .certificate_arn
        .expect("certificate arn");
    let origin = Origin::builder()
        .id("assets")
        .domain_name(format!("{name}-assets.s3.us-east-1.amazonaws.com"))
        .s3_origin_config(S3OriginConfig::builder().origin_access_identity("").build())
        .set_origin_access_control_id(good.then(|| "E3OACEXAMPLE".to_string()))
        .build()
        .expect("origin");
    let mut config = DistributionConfig::builder()
        .caller_reference(name)
        .comment(name)
        .enabled(true)
        .origins(
            Origins::builder()
                .quantity(1)
                .items(origin)
                .build()
                .expect("origins"),
        )
        .default_cache_behavior(
            DefaultCacheBehavior::builder()
                .target_origin_id("assets")
                .viewer_protocol_policy(if good {
                    ViewerProtocolPolicy::RedirectToHttps
                } else {
                    ViewerProtocolPolicy::AllowAll
                })
                .compress(good)
                .cache_policy_id("658327ea-f89d-4fab-a63d-7e88639e58f6")
                .build()
                .expect("behaviour"),
        )
        .viewer_certificate(
            ViewerCertificate::builder()
                .acm_certificate_arn(certificate)
                .ssl_support_method(SslSupportMethod::SniOnly)
                .minimum_protocol_version(if good {
                    MinimumProtocolVersion::TlSv122021
                } else {
                    MinimumProtocolVersion::TlSv12016
                })
                .build(),
        )
        .http_version(if good {
            HttpVersion::Http2and3
        } else {
            HttpVersion::Http11
        });
    if good {
        config = config
            .web_acl_id("arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1")
            .logging(
                LoggingConfig::builder()
                    .enabled(true)
                    .include_cookies(false)
                    .bucket("edge-logs.s3.amazonaws.com")
                    .prefix(name)
                    .build(),
            );
    }
    aws_sdk_cloudfront::Client::new(&account.east)
        .create_distribution()
        .distribution_config(config.build().expect("configuration"))
        .send()
        .await
        .expect("distribution")
        .distribution
        .map(|d| d.id)
        .expect("distribution id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloudfront() {
    let account = Account::start().await;
    let bad = distribution(&account, "legacy", false).await;
    let good = distribution(&account, "site", true).await;
    let scanned = account.prove(&PROOF).await;
    let (bad, good) = (format!("global/{bad}"), format!("global/{good}"));
    let mut wrong = Vec::new();
    for check in CHECKS {
        if !scanned.fails(check, &bad) {
            wrong.push(format!("{check} missed {bad}"));
        }
        if !scanned.read(&good) || scanned.fails(check, &good) {
            wrong.push(format!(
                "{check} flagged (or never read) the healthy {good}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{wrong:#?}\n{:#?}",
        scanned
            .run
            .findings
            .iter()
            .map(|f| (&f.check_id, &f.evidence))
            .collect::<Vec<_>>()
    );
}
