//! Running instances using a fraction of their size, busy enough not to be idle.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.instance_overprovisioned",
        pillar: Pillar::Sustainability,
        related: &[Pillar::CostOptimization],
        best_practice: "SUS05-BP01",
        reads: &["ec2:DescribeInstances", "cloudwatch:GetMetricData"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "Instance is over-provisioned",
        action: "Downsize instances that never use half their CPU",
        remediation: "Move the instance to the next smaller size (or let Compute Optimizer recommend one). Console: EC2 > Instances > {id} > Instance state > Stop, then Actions > Instance settings > Change instance type. CLI: aws ec2 modify-instance-attribute --region {region} --instance-id {id} --instance-type Value=m5.large",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let t = &ctx.config.thresholds;
    for (resource, i) in ctx.each(Resource::as_ec2_instance) {
        let (InstanceState::Running, Some(cpu)) = (i.state, i.cpu) else {
            continue;
        };
        // Idle instances are the idle check's; this one is for the busy-but-oversized.
        let idle = cpu.average < t.idle_cpu_percent && cpu.maximum < t.idle_cpu_max_percent;
        let size = i.instance_type.split('.').nth(1).unwrap_or_default();
        let shrinkable = !matches!(size, "nano" | "micro" | "small");
        if !idle && shrinkable && cpu.average < 15.0 && cpu.maximum < 40.0 {
            let half = ctx
                .prices
                .ec2_monthly(&i.instance_type, &i.region)
                .map(|m| m / 2.0);
            out.fail_with_savings(
                resource,
                format!(
                    "CPU averaged {:.1}% and never passed {:.1}% over {} on a {}",
                    cpu.average,
                    cpu.maximum,
                    crate::days(cpu.days),
                    i.instance_type
                ),
                half,
            );
        } else {
            out.pass();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{Ec2Instance, MetricStats};

    fn inst(id: &str, avg: f64, max: f64) -> Resource {
        Ec2Instance {
            id: id.into(),
            region: "us-east-1".into(),
            instance_type: "m5.xlarge".into(),
            state: InstanceState::Running,
            cpu: Some(MetricStats {
                average: avg,
                maximum: max,
                days: 14,
            }),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_light_but_not_idle_instances_with_half_their_price() {
        let fails = failing(
            &CHECK,
            vec![
                inst("i-light", 9.0, 30.0),
                inst("i-idle", 1.0, 3.0),
                inst("i-busy", 45.0, 90.0),
            ],
        );
        assert_eq!(fails, ["i-light"]);
        let out = outcome(&CHECK, vec![inst("i-light", 9.0, 30.0)]);
        assert_eq!(out.failures()[0].monthly_savings_usd(), Some(70.08));
    }
}
