//! gp2 volumes: gp3 gives a 3,000 IOPS baseline at 20% less per GB.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ebs.gp2_volume",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::CostOptimization],
        best_practice: "PERF03-BP02",
        reads: &["ec2:DescribeVolumes"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "EBS volume uses gp2 where gp3 is faster for less",
        action: "Convert gp2 volumes to gp3",
        remediation: "Modify the volume to gp3 in place; no detach or downtime is needed. Console: EC2 > Volumes > \
            {id} > Actions > Modify volume. CLI: aws ec2 modify-volume --region {region} --volume-id {id} \
            --volume-type gp3",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, volume) in ctx.each(Resource::as_ebs_volume) {
        if volume.volume_type != "gp2" {
            out.pass();
            continue;
        }
        let gp2 = ctx
            .prices
            .ebs_monthly("gp2", volume.size_gib, None, &volume.region);
        let gp3 = ctx
            .prices
            .ebs_monthly("gp3", volume.size_gib, None, &volume.region);
        let baseline = (volume.size_gib * 3).clamp(100, 16_000);
        out.fail_with_savings(
            resource,
            format!(
                "{} GiB gp2 volume with a {baseline} IOPS baseline; gp3 gives at least 3000 IOPS",
                volume.size_gib
            ),
            Some(gp2 - gp3),
        );
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::EbsVolume;

    use super::*;
    use crate::testing::outcome;

    #[test]
    fn flags_gp2_with_the_price_difference() {
        let volume = |id: &str, volume_type: &str| -> Resource {
            EbsVolume {
                id: id.into(),
                region: "us-east-1".into(),
                volume_type: volume_type.into(),
                size_gib: 500,
                ..Default::default()
            }
            .into()
        };
        let out = outcome(
            &CHECK,
            vec![
                volume("vol-gp2", "gp2"),
                volume("vol-gp3", "gp3"),
                volume("vol-io2", "io2"),
            ],
        );
        assert_eq!(out.evaluated(), 3);
        assert_eq!(out.failures().len(), 1);
        assert_eq!(out.failures()[0].resource_id(), "vol-gp2");
        assert_eq!(out.failures()[0].monthly_savings_usd(), Some(10.0));
    }
}
