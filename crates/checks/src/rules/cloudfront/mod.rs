pub mod compression_off;
pub mod http1_only;
pub mod logging_off;
pub mod no_waf;
pub mod old_tls;
pub mod s3_origin_open;
pub mod viewer_http_allowed;

/// An enabled distribution on its own certificate (TLS 1.2 floor) behind a web ACL, logging,
/// serving HTTP/2 and 3, redirecting HTTP and compressing, from a private S3 origin.
#[cfg(test)]
pub(crate) fn distribution(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::CloudfrontDistribution),
) -> wellscan_model::Resource {
    let mut d = wellscan_model::CloudfrontDistribution {
        id: id.into(),
        region: "global".into(),
        domain: format!("{}.cloudfront.net", id.to_lowercase()),
        enabled: true,
        behaviors: vec![wellscan_model::CloudfrontBehavior {
            path: "*".into(),
            viewer_protocol: "redirect-to-https".into(),
            compress: true,
        }],
        origins: vec![wellscan_model::CloudfrontOrigin {
            domain: "assets.s3.us-east-1.amazonaws.com".into(),
            s3: true,
            access_control: true,
        }],
        default_certificate: false,
        minimum_tls: Some("TLSv1.2_2021".into()),
        web_acl: Some("arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1".into()),
        access_logging: true,
        http_version: "http2and3".into(),
        ..Default::default()
    };
    f(&mut d);
    d.into()
}
