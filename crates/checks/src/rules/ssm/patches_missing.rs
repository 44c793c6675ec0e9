//! Managed instances that Patch Manager found missing patches on, or whose installs failed, or
//! that it has not scanned in the last 30 days (or ever): known vulnerabilities stay open, or
//! nobody knows whether they do.

use chrono::Duration;
use wellscan_model::{Fact, Pillar, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

/// How old the last patch scan may be before the instance's patch state is stale.
const STALE_AFTER_DAYS: i64 = 30;

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ssm.patches_missing",
        pillar: Pillar::OperationalExcellence,
        related: &[Pillar::Security],
        best_practice: "OPS05-BP05",
        reads: &[
            "ec2:DescribeInstances",
            "ssm:DescribeInstanceInformation",
            "ssm:DescribeInstancePatchStates",
        ],
        // The patch states are a fact of the region's fleet, not of the instance judged:
        // `unknown.rs` has the case.
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Instance is missing patches or is not scanned for them",
        action: "Patch managed instances on a schedule with Patch Manager",
        remediation: "Create a patch policy in Quick Setup (or a maintenance window running AWS-RunPatchBaseline) that scans daily and installs approved patches in a window the workload tolerates, then look into failed installs. Console: Systems Manager > Patch Manager > Create patch policy. CLI: aws ssm send-command --region {region} --document-name AWS-RunPatchBaseline --targets Key=InstanceIds,Values={id} --parameters Operation=Install",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, i, fleet) in super::running_instances(ctx, out) {
        // An instance no agent answers for is `ssm.instance_unmanaged`'s.
        let Some(managed) = fleet.get(&i.id).filter(|m| m.ping_status == "Online") else {
            continue;
        };
        if fleet.unknown.any(&[Fact::PatchStates]) {
            out.skip(resource);
            continue;
        }
        let Some(p) = &managed.patches else {
            out.fail(resource, "Patch Manager has never scanned this instance");
            continue;
        };
        if p.outstanding() > 0 {
            out.fail(
                resource,
                format!(
                    "{} missing and {} failed patches ({} critical, {} security)",
                    p.missing, p.failed, p.critical, p.security
                ),
            );
            continue;
        }
        let stale = p
            .ended
            .is_none_or(|t| ctx.now - t > Duration::days(STALE_AFTER_DAYS));
        out.record(resource, !stale, || match p.ended {
            Some(t) => format!(
                "last patch scan {} days ago ({})",
                (ctx.now - t).num_days(),
                t.format("%Y-%m-%d")
            ),
            None => "no patch scan has finished".to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ssm::{fleet, managed, running};
    use crate::testing::{days_ago, failing, outcome};

    #[test]
    fn flags_missing_failed_unscanned_and_stale() {
        let resources = vec![
            running("i-0current"),
            running("i-0missing"),
            running("i-0failed"),
            running("i-0neverscanned"),
            running("i-0stale"),
            running("i-0unmanaged"),
            fleet(
                "us-east-1",
                vec![
                    managed("i-0current", |_| {}),
                    managed("i-0missing", |m| {
                        if let Some(p) = &mut m.patches {
                            p.missing = 7;
                            p.critical = 2;
                            p.security = 5;
                        }
                    }),
                    managed("i-0failed", |m| {
                        if let Some(p) = &mut m.patches {
                            p.failed = 1;
                        }
                    }),
                    managed("i-0neverscanned", |m| m.patches = None),
                    managed("i-0stale", |m| {
                        if let Some(p) = &mut m.patches {
                            p.ended = days_ago(45);
                        }
                    }),
                ],
            ),
        ];
        assert_eq!(
            failing(&CHECK, resources),
            ["i-0missing", "i-0failed", "i-0neverscanned", "i-0stale"]
        );
    }

    #[test]
    fn unread_patch_states_are_not_evaluated() {
        let mut unread = fleet("us-east-1", vec![managed("i-0a", |m| m.patches = None)]);
        if let wellscan_model::Resource::ManagedInstances(f) = &mut unread {
            f.unknown.mark(Fact::PatchStates);
        }
        let ran = outcome(&CHECK, vec![running("i-0a"), unread]);
        assert!(ran.failures().is_empty());
        assert_eq!(ran.not_evaluated(), 1);
    }
}
