//! The demo account's AWS Config recorders.

use super::*;

impl Gen {
    /// The Config recorder: missing in ap-northeast-1, stopped in us-west-2.
    pub(super) fn recorder(&mut self, region: &str) {
        let exists = region != "ap-northeast-1";
        let recorder = ConfigRecorder {
            id: if exists { "default" } else { "config" }.into(),
            arn: arn("config", region, "configuration-recorder/default"),
            region: region.into(),
            exists,
            recording: exists && region != "us-west-2",
            all_supported: exists,
            ..Default::default()
        };
        self.resources.push(recorder.into());
    }
}
