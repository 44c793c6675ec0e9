//! CloudFront distributions.

use serde::{Deserialize, Serialize};

use super::Tags;
use crate::Unknown;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudfrontDistribution {
    /// The distribution's id, e.g. `E2QWRUHAPOMQZL`.
    pub id: String,
    pub arn: String,
    /// Always `global`.
    pub region: String,
    pub tags: Tags,
    /// Facts the scanner could not read; checks that decide on one skip this resource.
    #[serde(skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
    /// `d111111abcdef8.cloudfront.net`.
    pub domain: String,
    pub aliases: Vec<String>,
    pub enabled: bool,
    /// The default behaviour (path `*`) and every other, in order.
    pub behaviors: Vec<CloudfrontBehavior>,
    pub origins: Vec<CloudfrontOrigin>,
    /// The viewer certificate is CloudFront's own (`*.cloudfront.net`), whose TLS floor cannot
    /// be set.
    pub default_certificate: bool,
    /// The oldest TLS version viewers may use, e.g. `TLSv1.2_2021`.
    pub minimum_tls: Option<String>,
    /// The web ACL (WAF) in front of it.
    pub web_acl: Option<String>,
    /// Standard access logs go to S3 (read from the distribution's configuration).
    pub access_logging: bool,
    /// `http1.1`, `http2`, `http3` or `http2and3`.
    pub http_version: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudfrontBehavior {
    /// `*` for the default behaviour.
    pub path: String,
    /// `allow-all`, `redirect-to-https` or `https-only`.
    pub viewer_protocol: String,
    pub compress: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudfrontOrigin {
    pub domain: String,
    /// An S3 bucket's REST endpoint, not a website endpoint or a custom origin.
    pub s3: bool,
    /// Reaches the bucket through origin access control or an origin access identity, so the
    /// bucket need not be public.
    pub access_control: bool,
}
