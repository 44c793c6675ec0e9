//! The demo account's CloudTrail trails.

use super::*;

impl Gen {
    /// The organisation's audit trail in us-east-1, and a stopped single-region trail in Ireland.
    pub(super) fn trails(&mut self, region: &str) {
        if region == "us-east-1" {
            let resource = CloudtrailTrail {
                unknown: Default::default(),
                id: "org-audit".into(),
                arn: arn("cloudtrail", region, "trail/org-audit"),
                region: region.into(),
                tags: tags(&[("Owner", "team-security")]),
                multi_region: true,
                organization_trail: false,
                logging: true,
                log_file_validation: true,
                kms_key_id: None,
                s3_bucket: Some("kumo-audit-logs".into()),
            };
            self.resources.push(resource.into());
        }
        if region == "eu-west-1" {
            let resource = CloudtrailTrail {
                unknown: Default::default(),
                id: "eu-data-events".into(),
                arn: arn("cloudtrail", region, "trail/eu-data-events"),
                region: region.into(),
                tags: Tags::new(),
                multi_region: false,
                organization_trail: false,
                logging: false,
                log_file_validation: false,
                kms_key_id: None,
                s3_bucket: Some("kumo-eu-trail".into()),
            };
            self.resources.push(resource.into());
        }
    }
}
