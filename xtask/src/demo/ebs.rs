//! The demo account's EBS volumes, snapshots and each region's encryption-by-default setting.

use super::*;

impl Gen {
    pub(super) fn volume(
        &mut self,
        region: &str,
        az: &str,
        app: &App,
        name: &str,
        instance: Option<&str>,
    ) -> String {
        let id = self.id("vol");
        let volume_type = *self.rng.pick(&["gp2", "gp3", "gp3", "gp2", "io2"]);
        let size_gib = *self.rng.pick(&[20u32, 50, 100, 200, 500]);
        let encrypted = self.rng.chance(0.7);
        let created_at = self.ago(30, 800);
        let mut t = self.workload_tags(name, app);
        t.insert("Name".into(), format!("{name}-root"));
        let resource = EbsVolume {
            unknown: Default::default(),
            arn: arn("ec2", region, &format!("volume/{id}")),
            id: id.clone(),
            region: region.into(),
            tags: t,
            volume_type: volume_type.into(),
            size_gib,
            iops: (volume_type == "io2")
                .then_some(3000)
                .or((volume_type == "gp3").then_some(3000)),
            throughput_mibps: (volume_type == "gp3").then_some(125),
            encrypted,
            kms_key_id: encrypted.then(|| arn("kms", region, "alias/aws/ebs")),
            state: if instance.is_some() {
                "in-use".into()
            } else {
                "available".into()
            },
            attached_instance_ids: instance.map(|i| vec![i.to_string()]).unwrap_or_default(),
            availability_zone: az.into(),
            created_at,
        };
        self.resources.push(resource.into());
        if self.rng.chance(0.6) {
            self.snapshot(region, &id, size_gib, encrypted);
        }
        id
    }

    pub(super) fn snapshot(&mut self, region: &str, volume: &str, size_gib: u32, encrypted: bool) {
        for _ in 0..self.rng.range(1, 2) {
            let id = self.id("snap");
            // A few old unencrypted snapshots were made public by hand.
            let public = !encrypted && id.ends_with(['a', 'b']);
            let resource = EbsSnapshot {
                unknown: Default::default(),
                arn: arn("ec2", region, &format!("snapshot/{id}")),
                id,
                region: region.into(),
                tags: Tags::new(),
                volume_id: Some(volume.into()),
                size_gib,
                encrypted,
                started_at: self.ago(2, 900),
                public,
                shared_with: Vec::new(),
            };
            self.resources.push(resource.into());
        }
    }

    /// Whether new volumes are encrypted: on where Kumo started, off where it added regions.
    pub(super) fn encryption_default(&mut self, region: &str) {
        let resource = EbsEncryptionDefault {
            unknown: Default::default(),
            id: "ebs-encryption-by-default".into(),
            arn: arn("ec2", region, "ebs-encryption-by-default"),
            region: region.into(),
            tags: Tags::new(),
            enabled: matches!(region, "us-east-1" | "eu-west-1"),
        };
        self.resources.push(resource.into());
    }
}
