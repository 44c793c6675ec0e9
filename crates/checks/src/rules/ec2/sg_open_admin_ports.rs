//! Security groups that admit the whole internet on SSH, RDP or every port.

use wellscan_model::{Fact, Pillar, Resource, SecurityGroup, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2.sg_open_admin_ports",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC05-BP02",
        reads: &[
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeNetworkInterfaces",
        ],
        facts: &[],
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
    use super::*;
    use crate::testing::{failing, ingress, security_group};

    #[test]
    fn flags_world_open_ssh_rdp_and_all_traffic() {
        let fails = failing(
            &CHECK,
            vec![
                security_group("sg-ssh", vec![ingress("tcp", (22, 22), "0.0.0.0/0", "")]),
                security_group("sg-rdp-v6", vec![ingress("tcp", (3000, 4000), "", "::/0")]),
                security_group("sg-all", vec![ingress("-1", (-1, -1), "0.0.0.0/0", "")]),
                security_group(
                    "sg-https",
                    vec![ingress("tcp", (443, 443), "0.0.0.0/0", "::/0")],
                ),
                security_group(
                    "sg-office-ssh",
                    vec![ingress("tcp", (22, 22), "203.0.113.0/24", "")],
                ),
                security_group("sg-empty", vec![]),
            ],
        );
        assert_eq!(fails, ["sg-ssh", "sg-rdp-v6", "sg-all"]);
    }

    #[test]
    fn evidence_names_the_ports() {
        let out = crate::testing::outcome(
            &CHECK,
            vec![security_group(
                "sg-1",
                vec![ingress("tcp", (0, 65535), "0.0.0.0/0", "")],
            )],
        );
        assert_eq!(
            out.failures()[0].evidence(),
            "ingress open to the internet: all ports; group is in use"
        );
    }

    #[test]
    fn an_open_group_whose_attachments_were_not_read_says_so_and_still_fails() {
        // Open to the world is read from the group itself; whether it is attached only words it.
        let mut group = security_group("sg-1", vec![ingress("tcp", (22, 22), "0.0.0.0/0", "")]);
        if let Resource::SecurityGroup(g) = &mut group {
            g.unknown.mark(Fact::InUse);
        }
        let out = crate::testing::outcome(&CHECK, vec![group]);
        assert_eq!(
            out.failures()[0].evidence(),
            "ingress open to the internet: SSH (22/tcp); whether it is attached could not be read"
        );
    }
}
