//! Volumes attached to nothing, paid for every month.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ebs.volume_unattached",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST04-BP03",
        reads: &["ec2:DescribeVolumes"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Reduces,
        title: "EBS volume is not attached to any instance",
        action: "Snapshot and delete unattached volumes",
        remediation: "Take a final snapshot if the data may be needed, then delete the volume. Console: EC2 > \
            Volumes > {id} > Actions > Delete volume. CLI: aws ec2 create-snapshot --region {region} --volume-id {id} \
            && aws ec2 delete-volume --region {region} --volume-id {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, volume) in ctx.each(Resource::as_ebs_volume) {
        if volume.state != "available" {
            out.pass();
            continue;
        }
        let age = ctx
            .days_since(volume.created_at)
            .map(|d| format!(", created {} ago", crate::days(d)))
            .unwrap_or_default();
        out.fail_with_savings(
            resource,
            format!(
                "{} GiB {} volume is available (attached to nothing){age}",
                volume.size_gib, volume.volume_type
            ),
            Some(ctx.prices.ebs_monthly(
                &volume.volume_type,
                volume.size_gib,
                volume.iops,
                &volume.region,
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::EbsVolume;

    use super::*;
    use crate::testing::{days_ago, outcome};

    #[test]
    fn flags_available_volumes_with_their_monthly_cost() {
        let volume = |id: &str, state: &str| -> Resource {
            EbsVolume {
                id: id.into(),
                region: "us-east-1".into(),
                volume_type: "gp3".into(),
                size_gib: 100,
                state: state.into(),
                created_at: days_ago(40),
                ..Default::default()
            }
            .into()
        };
        let out = outcome(
            &CHECK,
            vec![
                volume("vol-orphan", "available"),
                volume("vol-used", "in-use"),
            ],
        );
        assert_eq!(out.failures().len(), 1);
        let f = &out.failures()[0];
        assert_eq!(f.resource_id(), "vol-orphan");
        assert_eq!(f.monthly_savings_usd(), Some(8.0));
        assert!(
            f.evidence().contains("created 40 days ago"),
            "{}",
            f.evidence()
        );
    }
}
