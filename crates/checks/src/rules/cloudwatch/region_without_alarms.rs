//! Regions that run workloads and have no CloudWatch alarm at all: nothing there tells anyone
//! when something breaks. A region whose alarm listing failed has no `CloudwatchAlarms` record,
//! only its coverage gap, and is not judged.

use wellscan_model::{InstanceState, Pillar, Resource, Severity, count};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch.region_without_alarms",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Reliability],
        best_practice: "OPS08-BP04",
        reads: &[
            "cloudwatch:DescribeAlarms",
            "ec2:DescribeInstances",
            "rds:DescribeDBInstances",
            "lambda:ListFunctions",
        ],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Region runs workloads with no CloudWatch alarm",
        action: "Alarm on the workload's key metrics and send the alarms to the on-call channel",
        remediation: "Create alarms on what tells you the workload is failing (error rates, latency, CPU, \
            database connections) with an SNS action to the team's on-call channel. Console: CloudWatch > \
            Alarms > Create alarm (region {region}). CLI: aws cloudwatch put-metric-alarm --region {region} \
            --alarm-name NAME --namespace AWS/EC2 --metric-name StatusCheckFailed --dimensions \
            Name=InstanceId,Value=INSTANCE --statistic Maximum --period 60 --evaluation-periods 2 --threshold 1 \
            --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions TOPIC_ARN",
    },
    evaluate,
};

/// How many of each kind of workload a region runs.
#[derive(Debug, Default)]
struct Workloads {
    instances: usize,
    databases: usize,
    functions: usize,
}

impl Workloads {
    fn in_region(ctx: &Context<'_>, region: &str) -> Workloads {
        let mut w = Workloads::default();
        for r in ctx
            .inventory
            .resources
            .iter()
            .filter(|r| r.region() == region)
        {
            match r {
                Resource::Ec2Instance(i) if i.state == InstanceState::Running => w.instances += 1,
                Resource::RdsInstance(_) => w.databases += 1,
                Resource::LambdaFunction(_) => w.functions += 1,
                _ => {}
            }
        }
        w
    }

    fn is_empty(&self) -> bool {
        self.instances + self.databases + self.functions == 0
    }

    fn describe(&self) -> String {
        [
            (self.instances, "running instance", "running instances"),
            (self.databases, "database", "databases"),
            (self.functions, "function", "functions"),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, alarms) in ctx.each(Resource::as_cloudwatch_alarms) {
        let workloads = Workloads::in_region(ctx, &alarms.region);
        if workloads.is_empty() {
            continue;
        }
        out.record(resource, alarms.alarms > 0, || {
            format!(
                "{} runs {} and has no CloudWatch alarm",
                alarms.region,
                workloads.describe()
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{CloudwatchAlarms, Ec2Instance, LambdaFunction};

    use super::*;
    use crate::testing::{failing, outcome, rds_instance};

    fn region(region: &str, n: u32) -> Resource {
        CloudwatchAlarms {
            id: "cloudwatch-alarms".into(),
            region: region.into(),
            alarms: n,
            ..Default::default()
        }
        .into()
    }

    fn instance(region: &str, state: InstanceState) -> Resource {
        Ec2Instance {
            id: format!("i-{region}"),
            region: region.into(),
            state,
            ..Default::default()
        }
        .into()
    }

    fn function(region: &str) -> Resource {
        LambdaFunction {
            id: format!("fn-{region}"),
            region: region.into(),
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_a_region_with_workloads_and_no_alarm() {
        let resources = vec![
            region("us-east-1", 0),
            instance("us-east-1", InstanceState::Running),
            rds_instance("db", |_| {}),
            function("us-east-1"),
            // Watched: a healthy twin.
            region("eu-west-1", 3),
            instance("eu-west-1", InstanceState::Running),
            // Nothing runs here: no alarm is needed.
            region("ap-south-1", 0),
            instance("ap-south-1", InstanceState::Stopped),
        ];
        let fails = outcome(&CHECK, resources.clone());
        assert_eq!(fails.evaluated(), 2);
        assert_eq!(fails.failures().len(), 1);
        assert_eq!(fails.failures()[0].region(), "us-east-1");
        assert_eq!(
            fails.failures()[0].evidence(),
            "us-east-1 runs 1 running instance, 1 database, 1 function and has no CloudWatch alarm"
        );
        assert_eq!(failing(&CHECK, resources), ["cloudwatch-alarms"]);
    }
}
