//! Running production instances without detailed monitoring: their metrics come every five
//! minutes, too coarse to see a spike or to alarm and scale on it in time.

use wellscan_model::{InstanceState, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.detailed_monitoring_off",
        pillar: Pillar::PerformanceEfficiency,
        related: &[Pillar::OperationalExcellence],
        best_practice: "PERF02-BP03",
        reads: &["ec2:DescribeInstances"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Production instance without detailed monitoring",
        action: "Enable detailed (one-minute) monitoring on production instances",
        remediation: "Enable detailed monitoring so CloudWatch receives one-minute metrics, which alarms and \
            scaling policies need to react within minutes (it is billed per metric). Console: EC2 > Instances > \
            {id} > Actions > Monitor and troubleshoot > Manage detailed monitoring. CLI: aws ec2 \
            monitor-instances --region {region} --instance-ids {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, i) in ctx.each(Resource::as_ec2_instance) {
        if i.state != InstanceState::Running || !crate::rules::is_production(resource) {
            continue;
        }
        out.record(resource, i.detailed_monitoring, || {
            format!(
                "{} sends metrics every 5 minutes (basic monitoring)",
                i.instance_type
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Ec2Instance;

    use super::*;
    use crate::testing::{failing, outcome};

    fn instance(id: &str, state: InstanceState, detailed: bool) -> Resource {
        Ec2Instance {
            id: id.into(),
            region: "us-east-1".into(),
            tags: [("Environment".to_string(), "Production".to_string())].into(),
            instance_type: "m5.large".into(),
            state,
            detailed_monitoring: detailed,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_running_production_instances_on_basic_monitoring() {
        let mut dev = instance("i-dev", InstanceState::Running, false);
        if let Resource::Ec2Instance(i) = &mut dev {
            i.tags.insert("Environment".into(), "dev".into());
        }
        let resources = vec![
            instance("i-basic", InstanceState::Running, false),
            instance("i-detailed", InstanceState::Running, true),
            instance("i-stopped", InstanceState::Stopped, false),
            dev,
        ];
        assert_eq!(failing(&CHECK, resources.clone()), ["i-basic"]);
        let out = outcome(&CHECK, resources);
        assert_eq!(
            out.evaluated(),
            2,
            "stopped and dev instances are not judged"
        );
        assert_eq!(
            out.failures()[0].evidence(),
            "m5.large sends metrics every 5 minutes (basic monitoring)"
        );
    }
}
