//! An account without a logging, multi-region trail: API activity goes unrecorded somewhere.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail.no_multi_region_trail",
        pillar: Pillar::Security,
        related: &[Pillar::OperationalExcellence],
        best_practice: "SEC04-BP01",
        reads: &["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "No multi-region CloudTrail trail is logging",
        action: "Record API activity in every region with a multi-region trail",
        remediation: "Create a multi-region trail (or an organization trail) delivering to a locked-down bucket, \
            and start logging. Console: CloudTrail > Trails > Create trail. CLI: aws cloudtrail create-trail \
            --name audit --s3-bucket-name BUCKET --is-multi-region-trail && aws cloudtrail start-logging --name audit",
    },
    evaluate,
};

/// Judged once per account, on the account resource.
fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    let trails: Vec<_> = ctx
        .each(Resource::as_cloudtrail_trail)
        .map(|(_, t)| t)
        .collect();
    let covered = trails.iter().any(|t| t.multi_region && t.logging);
    // Without a covering trail, the verdict needs every trail and its status.
    let unread = trails.iter().any(|t| t.unknown.contains(Fact::Logging))
        || ctx.unread_anywhere("cloudtrail");
    for (resource, _) in ctx.each(Resource::as_account_summary) {
        if !covered && unread {
            out.skip(resource);
            continue;
        }
        out.record(resource, covered, || match trails.len() {
            0 => "no CloudTrail trail in the scanned regions".to_string(),
            n => format!("{n} trail(s), none both multi-region and logging"),
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{AccountSummary, CloudtrailTrail};

    use super::*;
    use crate::testing::outcome;

    fn account() -> Resource {
        AccountSummary {
            id: "root".into(),
            ..Default::default()
        }
        .into()
    }

    fn trail(multi_region: bool, logging: bool) -> Resource {
        CloudtrailTrail {
            id: "t".into(),
            multi_region,
            logging,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn needs_a_logging_multi_region_trail() {
        assert_eq!(outcome(&CHECK, vec![account()]).failures().len(), 1);
        assert_eq!(
            outcome(
                &CHECK,
                vec![account(), trail(true, false), trail(false, true)]
            )
            .failures()
            .len(),
            1
        );
        assert_eq!(
            outcome(&CHECK, vec![account(), trail(true, true)])
                .failures()
                .len(),
            0
        );
    }
}
