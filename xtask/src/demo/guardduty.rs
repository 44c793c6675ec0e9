//! The demo account's GuardDuty detectors.

use super::*;

impl Gen {
    /// A detector where Kumo started (us-east-1, eu-west-1), none where it added regions.
    pub(super) fn detector(&mut self, region: &str) {
        let guardduty = matches!(region, "us-east-1" | "eu-west-1");
        let detector = if guardduty {
            self.rng.hex(32)
        } else {
            "guardduty".to_string()
        };
        self.resources.push(
            Guardduty {
                arn: arn("guardduty", region, &format!("detector/{detector}")),
                id: detector,
                region: region.into(),
                enabled: guardduty,
                ..Default::default()
            }
            .into(),
        );
    }
}
