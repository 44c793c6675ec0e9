//! Running EC2 instances that Systems Manager does not manage: no SSM Agent has registered, or
//! it has stopped answering. Such an instance is patched, inspected and repaired by someone
//! logging in over SSH or RDP with a long-lived key, if at all; Session Manager, Patch Manager
//! and Run Command cannot reach it.

use wellscan_model::{Pillar, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ssm.instance_unmanaged",
        pillar: Pillar::Security,
        related: &[Pillar::OperationalExcellence],
        best_practice: "SEC06-BP03",
        reads: &["ec2:DescribeInstances", "ssm:DescribeInstanceInformation"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Instance not managed by Systems Manager",
        action: "Manage instances with Systems Manager instead of interactive logins",
        remediation: "Give the instance a profile whose role has the AmazonSSMManagedInstanceCore policy (or turn on Default Host Management Configuration for the account), make sure the SSM Agent runs and can reach the ssm, ssmmessages and ec2messages endpoints, then close SSH and RDP in favour of Session Manager. Console: Systems Manager > Fleet Manager, or EC2 > Instances > {id} > Actions > Security > Modify IAM role. CLI: aws ec2 associate-iam-instance-profile --region {region} --instance-id {id} --iam-instance-profile Name=SSMInstanceProfile",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, i, fleet) in super::running_instances(ctx, out) {
        match fleet.get(&i.id) {
            None => out.fail(resource, "no SSM Agent has registered this instance"),
            Some(m) if m.ping_status != "Online" => out.fail(
                resource,
                format!(
                    "the SSM Agent stopped answering ({}{})",
                    m.ping_status,
                    m.last_ping
                        .map(|t| format!(", last seen {}", t.format("%Y-%m-%d")))
                        .unwrap_or_default()
                ),
            ),
            Some(_) => out.pass(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ssm::{fleet, managed, running};
    use crate::testing::{failing, outcome};

    #[test]
    fn flags_running_instances_no_agent_answers_for() {
        let resources = vec![
            running("i-0managed"),
            running("i-0unregistered"),
            running("i-0lost"),
            fleet(
                "us-east-1",
                vec![
                    managed("i-0managed", |_| {}),
                    managed("i-0lost", |m| m.ping_status = "ConnectionLost".into()),
                ],
            ),
        ];
        assert_eq!(failing(&CHECK, resources), ["i-0unregistered", "i-0lost"]);
    }

    #[test]
    fn a_region_whose_fleet_was_not_listed_is_not_evaluated() {
        let ran = outcome(&CHECK, vec![running("i-0somewhere")]);
        assert!(ran.failures().is_empty());
        assert_eq!(ran.not_evaluated(), 1);
    }
}
