//! The demo account's ECR repositories.

use super::*;

impl Gen {
    /// Two repositories in us-east-1: one scanned, immutable and pruned, one none of those.
    pub(super) fn repositories(&mut self) {
        let region = "us-east-1";
        let repo = |g: &mut Gen, name: &str, good: bool| EcrRepository {
            id: name.into(),
            arn: arn("ecr", region, &format!("repository/{name}")),
            region: region.into(),
            scan_on_push: good,
            tags_immutable: good,
            lifecycle_policy: good,
            encryption: "AES256".into(),
            created_at: g.ago(100, 700),
            ..Default::default()
        };
        let repos = [
            repo(self, "orders-api", true),
            repo(self, "etl-jobs", false),
        ];
        self.resources.extend(repos.into_iter().map(Into::into));
    }
}
