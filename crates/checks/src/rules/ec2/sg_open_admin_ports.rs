//! Security groups that admit the whole internet on SSH, RDP or every port.

use wellscan_model::{Fact, Pillar, Resource, SecurityGroup, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.sg_open_admin_ports",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP02",
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Security group open to the internet on administrative ports",
        action: "Restrict SSH and RDP to known networks or use Session Manager",
        remediation: "Remove the 0.0.0.0/0 and ::/0 ingress rules for SSH (22), RDP (3389) or all ports; \
            reach instances through Systems Manager Session Manager instead. Console: VPC > Security groups > {id} > \
            Edit inbound rules. CLI: aws ec2 revoke-security-group-ingress --region {region} --group-id {id} \
            --protocol tcp --port 22 --cidr 0.0.0.0/0",
    },
    evaluate,
};

const ADMIN_PORTS: &[(i32, &str)] = &[(22, "SSH"), (3389, "RDP")];

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, sg) in ctx.each(Resource::as_security_group) {
        let exposed = exposures(sg);
        out.record(resource, exposed.is_empty(), || {
            format!(
                "ingress open to the internet: {}; {}",
                exposed.join(", "),
                in_use(sg, ("group is in use", "group is not in use"))
            )
        });
    }
}

/// Whether the group is attached, in the evidence's words; it may not be known.
pub(crate) fn in_use(sg: &SecurityGroup, (yes, no): (&'static str, &'static str)) -> &'static str {
    if sg.unknown.contains(Fact::InUse) {
        "whether it is attached could not be read"
    } else if sg.in_use {
        yes
    } else {
        no
    }
}

fn exposures(sg: &SecurityGroup) -> Vec<String> {
    let mut found = Vec::new();
    for rule in sg.ingress.iter().filter(|r| r.open_to_world()) {
        if rule.all_traffic() {
            found.push("all ports".to_string());
            continue;
        }
        for (port, name) in ADMIN_PORTS {
            if rule.covers_tcp_port(*port) {
                found.push(format!("{name} ({port}/tcp)"));
            }
        }
    }
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use wellscan_model::IngressRule;

    use super::*;
    use crate::testing::failing;

    fn sg(id: &str, rules: Vec<IngressRule>) -> Resource {
        SecurityGroup {
            id: id.into(),
            name: id.into(),
            ingress: rules,
            in_use: true,
            ..Default::default()
        }
        .into()
    }

    fn rule(protocol: &str, ports: (i32, i32), v4: &str, v6: &str) -> IngressRule {
        IngressRule {
            protocol: protocol.into(),
            from_port: Some(ports.0),
            to_port: Some(ports.1),
            ipv4_ranges: [v4]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            ipv6_ranges: [v6]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn flags_world_open_ssh_rdp_and_all_traffic() {
        let fails = failing(
            &CHECK,
            vec![
                sg("sg-ssh", vec![rule("tcp", (22, 22), "0.0.0.0/0", "")]),
                sg("sg-rdp-v6", vec![rule("tcp", (3000, 4000), "", "::/0")]),
                sg("sg-all", vec![rule("-1", (-1, -1), "0.0.0.0/0", "")]),
                sg(
                    "sg-https",
                    vec![rule("tcp", (443, 443), "0.0.0.0/0", "::/0")],
                ),
                sg(
                    "sg-office-ssh",
                    vec![rule("tcp", (22, 22), "203.0.113.0/24", "")],
                ),
                sg("sg-empty", vec![]),
            ],
        );
        assert_eq!(fails, ["sg-ssh", "sg-rdp-v6", "sg-all"]);
    }

    #[test]
    fn evidence_names_the_ports() {
        let out = crate::testing::outcome(
            &CHECK,
            vec![sg("sg-1", vec![rule("tcp", (0, 65535), "0.0.0.0/0", "")])],
        );
        assert_eq!(
            out.failures()[0].evidence(),
            "ingress open to the internet: all ports; group is in use"
        );
    }
}
