//! VPCs with no flow log: no record of who talked to what.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.vpc_without_flow_logs",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security],
        best_practice: "OPS08-BP02",
        reads: &[
            "ec2:DescribeVpcs",
            "ec2:DescribeFlowLogs",
            "ec2:DescribeInstances",
        ],
        facts: &[Fact::FlowLogsEnabled],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "VPC has no flow logs",
        action: "Turn on VPC flow logs",
        remediation: "Create a flow log for the VPC to CloudWatch Logs or S3. Console: VPC > Your VPCs > {id} > Flow logs > Create flow log. CLI: aws ec2 create-flow-logs --region {region} --resource-type VPC --resource-ids {id} --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::BUCKET",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let used: std::collections::HashSet<(&str, &str)> = ctx
        .each(Resource::as_ec2_instance)
        .filter_map(|(_, i)| i.vpc_id.as_deref().map(|v| (i.region.as_str(), v)))
        .collect();
    for (resource, vpc) in ctx.each(Resource::as_vpc) {
        // An unused default VPC has nothing to log.
        if vpc.is_default && !used.contains(&(vpc.region.as_str(), vpc.id.as_str())) {
            // Unless the instances could not be listed: then whether it is used is unknown.
            if ctx.unread(&vpc.region, "ec2", "DescribeInstances") && !vpc.flow_logs_enabled {
                out.skip(resource);
            }
            continue;
        }
        if out.unknown(resource, &[Fact::FlowLogsEnabled]) {
            continue;
        }
        out.record(resource, vpc.flow_logs_enabled, || {
            format!("no flow log on {} ({})", vpc.id, vpc.cidr_block)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::Vpc;

    #[test]
    fn flags_vpcs_in_use_without_flow_logs() {
        let vpc = |id: &str, default: bool, logs: bool| -> Resource {
            Vpc {
                id: id.into(),
                region: "us-east-1".into(),
                is_default: default,
                flow_logs_enabled: logs,
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                vpc("vpc-app", false, false),
                vpc("vpc-logged", false, true),
                vpc("vpc-default", true, false),
            ],
        );
        assert_eq!(fails, ["vpc-app"]);
    }
}
