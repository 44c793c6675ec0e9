//! The demo account's Security Hub, per region.

use super::*;

impl Gen {
    /// Security Hub, on in us-east-1 only.
    pub(super) fn hub(&mut self, region: &str) {
        self.resources.push(
            SecurityHub {
                id: "securityhub".into(),
                arn: arn("securityhub", region, "hub/default"),
                region: region.into(),
                enabled: region == "us-east-1",
                ..Default::default()
            }
            .into(),
        );
    }
}
