//! Running instances that do nearly nothing for two weeks.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.instance_idle",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Sustainability],
        best_practice: "COST06-BP02",
        reads: &["ec2:DescribeInstances", "cloudwatch:GetMetricData"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Reduces,
        title: "Instance is idle",
        action: "Stop, downsize or schedule idle instances",
        remediation: "Confirm with the owner, then stop or terminate the instance, downsize it, or run it on a \
            schedule. Console: EC2 > Instances > {id} > Instance state > Stop. CLI: aws ec2 stop-instances \
            --region {region} --instance-ids {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let t = &ctx.config.thresholds;
    for (resource, instance) in ctx.each(Resource::as_ec2_instance) {
        let (InstanceState::Running, Some(cpu)) = (instance.state, instance.cpu) else {
            continue;
        };
        if cpu.average < t.idle_cpu_percent && cpu.maximum < t.idle_cpu_max_percent {
            let savings = ctx
                .prices
                .ec2_monthly(&instance.instance_type, &instance.region);
            out.fail_with_savings(
                resource,
                format!(
                    "CPU averaged {:.1}% (maximum {:.1}%) over {} on a running {}",
                    cpu.average,
                    cpu.maximum,
                    crate::days(cpu.days),
                    instance.instance_type
                ),
                savings,
            );
        } else {
            out.pass();
        }
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{Ec2Instance, MetricStats};

    use super::*;
    use crate::testing::{failing, outcome};

    fn instance(id: &str, average: f64, maximum: f64) -> Resource {
        Ec2Instance {
            id: id.into(),
            region: "us-east-1".into(),
            instance_type: "m5.large".into(),
            cpu: Some(MetricStats {
                average,
                maximum,
                days: 14,
            }),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_low_average_and_low_peak() {
        let fails = failing(
            &CHECK,
            vec![
                instance("i-idle", 1.2, 4.0),
                instance("i-bursty", 2.0, 85.0),
                instance("i-busy", 40.0, 90.0),
            ],
        );
        assert_eq!(fails, ["i-idle"]);
    }

    #[test]
    fn savings_are_the_instance_price() {
        let out = outcome(&CHECK, vec![instance("i-idle", 1.0, 2.0)]);
        assert_eq!(out.failures()[0].monthly_savings_usd(), Some(70.08));
    }
}
