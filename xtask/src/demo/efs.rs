//! The demo account's EFS file systems.

use super::*;

impl Gen {
    /// File systems in us-east-1, one without backups or tiering, and an unencrypted one in Ireland.
    pub(super) fn file_systems(&mut self) {
        let region = "us-east-1";
        let fs = |g: &mut Gen, id: &str, owner: &str| EfsFileSystem {
            id: id.into(),
            arn: arn("elasticfilesystem", region, &format!("file-system/{id}")),
            region: region.into(),
            tags: tags(&[("Owner", owner)]),
            encrypted: true,
            automatic_backups: true,
            lifecycle_to_ia: true,
            throughput_mode: "elastic".into(),
            size_bytes: 40_000_000_000,
            mount_targets: 2,
            created_at: g.ago(300, 900),
            ..Default::default()
        };
        let shared = fs(self, "fs-0a1b2c3d4e5f60718", "team-platform");
        let analytics = EfsFileSystem {
            automatic_backups: false,
            lifecycle_to_ia: false,
            size_bytes: 260_000_000_000,
            ..fs(self, "fs-0c4d5e6f708192a3b", "team-data")
        };
        let legacy = EfsFileSystem {
            arn: arn(
                "elasticfilesystem",
                "eu-west-1",
                "file-system/fs-0e9f8a7b6c5d4e3f2",
            ),
            region: "eu-west-1".into(),
            encrypted: false,
            size_bytes: 3_000_000_000,
            ..fs(self, "fs-0e9f8a7b6c5d4e3f2", "team-web")
        };
        self.resources
            .extend([shared, analytics, legacy].into_iter().map(Into::into));
    }
}
