//! Production instances and databases no alarm watches.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch.production_without_alarms",
        pillar: Pillar::Reliability,
        related: &[Pillar::OperationalExcellence],
        best_practice: "REL06-BP03",
        reads: &[
            "cloudwatch:DescribeAlarms",
            "ec2:DescribeInstances",
            "rds:DescribeDBInstances",
        ],
        facts: &[Fact::Tags],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Production resource has no alarm",
        action: "Alarm on the key metrics of every production resource",
        remediation: "Create alarms on the resource's key metrics (CPU, status checks, free storage) with an SNS action. Console: CloudWatch > Alarms > Create alarm. CLI: aws cloudwatch put-metric-alarm --region {region} --alarm-name {id}-cpu --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=InstanceId,Value={id} --statistic Average --period 300 --evaluation-periods 3 --threshold 80 --comparison-operator GreaterThanThreshold --alarm-actions arn:aws:sns:{region}:ACCOUNT:TOPIC",
    },
    evaluate,
};

use std::collections::HashSet;

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let watched: HashSet<(&str, &str)> = ctx
        .each(Resource::as_cloudwatch_alarm)
        .flat_map(|(_, a)| {
            a.dimensions
                .values()
                .map(move |v| (a.region.as_str(), v.as_str()))
        })
        .collect();
    for r in &ctx.inventory.resources {
        if !matches!(r, Resource::Ec2Instance(_) | Resource::RdsInstance(_)) {
            continue;
        }
        // Whether it is production, or whether an alarm watches it, may not be knowable.
        if r.unknown().contains(Fact::Tags)
            || ctx.unread(r.region(), "cloudwatch", "DescribeAlarms")
        {
            if r.unknown().contains(Fact::Tags) || crate::rules::is_production(r) {
                out.skip(r);
            }
            continue;
        }
        if !crate::rules::is_production(r) {
            continue;
        }
        out.record(r, watched.contains(&(r.region(), r.id())), || {
            format!(
                "tagged production, and no alarm has {} as a dimension",
                r.id()
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{CloudwatchAlarm, Ec2Instance};

    fn inst(id: &str, env: &str) -> Resource {
        Ec2Instance {
            id: id.into(),
            region: "us-east-1".into(),
            tags: [("Environment".to_string(), env.to_string())].into(),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_production_resources_no_alarm_names() {
        let alarm: Resource = CloudwatchAlarm {
            id: "cpu".into(),
            region: "us-east-1".into(),
            dimensions: [("InstanceId".to_string(), "i-watched".to_string())].into(),
            ..Default::default()
        }
        .into();
        let fails = failing(
            &CHECK,
            vec![
                inst("i-blind", "prod"),
                inst("i-watched", "production"),
                inst("i-dev", "dev"),
                alarm,
            ],
        );
        assert_eq!(fails, ["i-blind"]);
    }
}
