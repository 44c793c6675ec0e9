//! The demo account's CloudFront: the public site's distribution as it should be, and the
//! tracking page's, set up in 2019 and never revisited.

use super::*;

impl Gen {
    pub(super) fn distributions(&mut self) {
        let behavior = |path: &str, protocol: &str, compress| CloudfrontBehavior {
            path: path.into(),
            viewer_protocol: protocol.into(),
            compress,
        };
        let origin = |bucket: &str, access_control| CloudfrontOrigin {
            domain: format!("{bucket}.s3.us-east-1.amazonaws.com"),
            s3: true,
            access_control,
        };
        let site = CloudfrontDistribution {
            id: "E2KUMOWWW7Q3ZP".into(),
            arn: format!("arn:aws:cloudfront::{ACCOUNT}:distribution/E2KUMOWWW7Q3ZP"),
            region: GLOBAL_REGION.into(),
            tags: tags(&[("Owner", "team-web"), ("Application", "web")]),
            domain: "d2kumowww7q3zp.cloudfront.net".into(),
            aliases: vec!["www.kumo-freight.example".into()],
            enabled: true,
            behaviors: vec![behavior("*", "redirect-to-https", true)],
            origins: vec![origin("kumo-web-prod-data-us-east-1", true)],
            default_certificate: false,
            minimum_tls: Some("TLSv1.2_2021".into()),
            web_acl: Some(format!(
                "arn:aws:wafv2:us-east-1:{ACCOUNT}:global/webacl/kumo-edge/4f1c2b7a"
            )),
            access_logging: true,
            http_version: "http2and3".into(),
            ..Default::default()
        };
        let tracking = CloudfrontDistribution {
            id: "E1TRACK9XV4M2L".into(),
            arn: format!("arn:aws:cloudfront::{ACCOUNT}:distribution/E1TRACK9XV4M2L"),
            domain: "d1track9xv4m2l.cloudfront.net".into(),
            aliases: vec!["track.kumo-freight.example".into()],
            behaviors: vec![
                behavior("*", "redirect-to-https", false),
                behavior("/api/*", "allow-all", false),
            ],
            origins: vec![origin("kumo-tracking-static", false)],
            minimum_tls: Some("TLSv1_2016".into()),
            web_acl: None,
            access_logging: false,
            http_version: "http1.1".into(),
            ..site.clone()
        };
        self.resources.push(site.into());
        self.resources.push(tracking.into());
    }
}
