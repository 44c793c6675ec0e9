//! The demo account's CloudWatch Logs groups.

use super::*;

impl Gen {
    /// A function's log group, kept for a random time (or forever).
    pub(super) fn function_logs(&mut self, region: &str, id: &str) {
        let group = format!("/aws/lambda/{id}");
        let resource = LogGroup {
            unknown: Default::default(),
            arn: arn("logs", region, &format!("log-group:{group}")),
            id: group,
            region: region.into(),
            tags: Tags::new(),
            retention_days: *self
                .rng
                .pick(&[None, Some(30), Some(90), None, Some(1), Some(365)]),
            kms_key_id: None,
            stored_bytes: self.rng.range(10_000, 80_000_000_000),
            created_at: self.ago(30, 900),
        };
        self.resources.push(resource.into());
    }
}
