//! The demo account's S3 buckets.

use super::*;

impl Gen {
    pub(super) fn buckets(&mut self, region: &str, apps: &[App]) {
        for app in apps {
            for purpose in ["data", "logs"] {
                if purpose == "logs" && !self.rng.chance(0.6) {
                    continue;
                }
                let id = format!("kumo-{}-{}-{}-{region}", app.name, app.env, purpose);
                let public = app.name == "web" && purpose == "data" && region == "us-east-1";
                let pab = self.rng.chance(0.75).then_some(PublicAccessBlock {
                    block_public_acls: true,
                    ignore_public_acls: true,
                    block_public_policy: !public,
                    restrict_public_buckets: !public,
                });
                let mut t = self.workload_tags(&id, app);
                t.remove("Name");
                let resource = S3Bucket {
                    unknown: Default::default(),
                    arn: format!("arn:aws:s3:::{id}"),
                    id,
                    region: region.into(),
                    tags: t,
                    created_at: self.ago(100, 1500),
                    default_encryption: Some(
                        if self.rng.chance(0.3) {
                            "aws:kms"
                        } else {
                            "AES256"
                        }
                        .into(),
                    ),
                    versioning: *self.rng.pick(&[
                        Versioning::Enabled,
                        Versioning::Disabled,
                        Versioning::Enabled,
                        Versioning::Suspended,
                    ]),
                    public_access_block: if public {
                        pab.or(Some(PublicAccessBlock::default()))
                    } else {
                        pab
                    },
                    policy_public: public,
                    acl_public: app.env == "dev" && purpose == "logs" && self.rng.chance(0.5),
                    access_logging: self.rng.chance(0.4),
                    lifecycle_rules: if purpose == "logs" || self.rng.chance(0.4) {
                        1
                    } else {
                        0
                    },
                    // The log buckets' rule comes from the platform team's template, which also
                    // aborts abandoned uploads; the teams' own rules on data buckets only expire.
                    aborts_incomplete_uploads: purpose == "logs",
                    tls_only_policy: self.rng.chance(0.5),
                };
                self.resources.push(resource.into());
            }
        }
    }
}
