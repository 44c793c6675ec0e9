//! Snapshots kept long past any likely restore.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ebs.snapshot_old",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP05",
        reads: &["ec2:DescribeSnapshots"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "EBS snapshot is old",
        action: "Expire old snapshots with a lifecycle policy",
        remediation: "Check the snapshot is not the only copy of needed data, delete it, and let Data Lifecycle Manager or AWS Backup expire snapshots from now on. Console: EC2 > Snapshots > {id} > Actions > Delete snapshot. CLI: aws ec2 delete-snapshot --region {region} --snapshot-id {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let max = ctx.config.thresholds.snapshot_max_age_days;
    for (resource, s) in ctx.each(Resource::as_ebs_snapshot) {
        match ctx.days_since(s.started_at) {
            Some(age) if age > max => out.fail_with_savings(
                resource,
                format!(
                    "{} old, {} GiB (limit {})",
                    crate::days(age),
                    s.size_gib,
                    crate::days(max)
                ),
                Some(ctx.prices.snapshot_monthly(s.size_gib, &s.region)),
            ),
            _ => out.pass(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::EbsSnapshot;

    #[test]
    fn flags_snapshots_past_the_age_limit_with_their_storage_cost() {
        let snap = |id: &str, age: i64| -> Resource {
            EbsSnapshot {
                id: id.into(),
                region: "us-east-1".into(),
                size_gib: 100,
                started_at: days_ago(age),
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(&CHECK, vec![snap("snap-old", 400), snap("snap-new", 20)]),
            ["snap-old"]
        );
        let out = outcome(&CHECK, vec![snap("snap-old", 400)]);
        assert_eq!(out.failures()[0].monthly_savings_usd(), Some(5.0));
    }
}
