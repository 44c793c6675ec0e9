//! The demo account's KMS customer managed keys.

use super::*;

impl Gen {
    /// The customer managed key of an application's data.
    pub(super) fn data_key(&mut self, region: &str, app: &App) {
        let key = format!("{}-{}", self.rng.hex(8), self.rng.hex(12));
        let rotation = self.rng.chance(0.5);
        let resource = KmsKey {
            unknown: Default::default(),
            arn: arn("kms", region, &format!("key/{key}")),
            id: key,
            region: region.into(),
            tags: tags(&[("Owner", app.owner)]),
            description: format!("{} {} data key", app.name, app.env),
            state: "Enabled".into(),
            spec: "SYMMETRIC_DEFAULT".into(),
            rotation_enabled: Some(rotation),
        };
        self.resources.push(resource.into());
    }
}
