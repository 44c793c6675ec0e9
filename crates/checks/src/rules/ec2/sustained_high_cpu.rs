//! Running instances whose CPU stays high for two weeks: under-provisioned.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.sustained_high_cpu",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::Reliability],
        best_practice: "PERF02-BP04",
        reads: &["ec2:DescribeInstances", "cloudwatch:GetMetricData"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Strengthens,
        title: "Instance CPU is saturated for weeks",
        action: "Scale up or out the saturated instances",
        remediation: "Move the instance to a larger size or spread the load behind an Auto Scaling group. \
            Console: EC2 > Instances > {id} > Monitoring. CLI: aws cloudwatch get-metric-statistics --region {region} \
            --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=InstanceId,Value={id} \
            --statistics Average Maximum --period 86400 --start-time START --end-time END",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let threshold = ctx.config.thresholds.high_cpu_percent;
    for (resource, instance) in ctx.each(Resource::as_ec2_instance) {
        let (InstanceState::Running, Some(cpu)) = (instance.state, instance.cpu) else {
            continue;
        };
        out.record(resource, cpu.average < threshold, || {
            format!(
                "CPU averaged {:.1}% (maximum {:.1}%) over {} on {}; threshold {threshold:.0}%",
                cpu.average,
                cpu.maximum,
                crate::days(cpu.days),
                instance.instance_type
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{Ec2Instance, MetricStats};

    use super::*;
    use crate::testing::failing;

    fn instance(id: &str, state: InstanceState, average: Option<f64>) -> Resource {
        Ec2Instance {
            id: id.into(),
            state,
            instance_type: "c5.large".into(),
            cpu: average.map(|average| MetricStats {
                average,
                maximum: 100.0,
                days: 14,
            }),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_running_instances_above_the_threshold() {
        let fails = failing(
            &CHECK,
            vec![
                instance("i-hot", InstanceState::Running, Some(91.0)),
                instance("i-warm", InstanceState::Running, Some(60.0)),
                instance("i-stopped", InstanceState::Stopped, Some(95.0)),
                instance("i-no-metrics", InstanceState::Running, None),
            ],
        );
        assert_eq!(fails, ["i-hot"]);
    }
}
