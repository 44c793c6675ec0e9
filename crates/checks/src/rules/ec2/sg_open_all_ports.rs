//! Security groups that admit every port from the whole internet.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.sg_open_all_ports",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP02",
        reads: &[
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeNetworkInterfaces",
        ],
        facts: &[],
        severity: Severity::Critical,
        fix: FixEffect::Neutral,
        title: "Security group allows all traffic from the internet",
        action: "Remove all-traffic rules open to 0.0.0.0/0",
        remediation: "Replace the rule with the ports and sources the workload needs. Console: VPC > Security groups > {id} > Inbound rules > Edit. CLI: aws ec2 revoke-security-group-ingress --region {region} --group-id {id} --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, sg) in ctx.each(Resource::as_security_group) {
        let open = sg
            .ingress
            .iter()
            .any(|r| r.open_to_world() && r.all_traffic());
        out.record(resource, !open, || {
            format!(
                "inbound rule admits every protocol and port from anywhere ({})",
                super::sg_open_admin_ports::in_use(sg, ("in use", "not attached"))
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::{IngressRule, SecurityGroup};

    fn group(id: &str, protocol: &str, from: Option<i32>, to: Option<i32>) -> Resource {
        SecurityGroup {
            id: id.into(),
            region: "us-east-1".into(),
            name: id.into(),
            ingress: vec![IngressRule {
                protocol: protocol.into(),
                from_port: from,
                to_port: to,
                ipv4_ranges: vec!["0.0.0.0/0".into()],
                ..Default::default()
            }],
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn flags_all_protocols_or_every_tcp_port_from_anywhere() {
        let fails = failing(
            &CHECK,
            vec![
                group("sg-all", "-1", None, None),
                group("sg-tcp-all", "tcp", Some(0), Some(65535)),
                group("sg-https", "tcp", Some(443), Some(443)),
            ],
        );
        assert_eq!(fails, ["sg-all", "sg-tcp-all"]);
    }
}
