//! Trails that exist but are not logging.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail.logging_stopped",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC04-BP01",
        reads: &["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"],
        facts: &[Fact::Logging],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "CloudTrail trail is not logging",
        action: "Start logging on every trail",
        remediation: "Start the trail (and find out who stopped it: StopLogging is itself recorded). Console: CloudTrail > Trails > {id} > Start logging. CLI: aws cloudtrail start-logging --region {region} --name {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, t) in ctx.each(Resource::as_cloudtrail_trail) {
        if out.unknown(resource, &[Fact::Logging]) {
            continue;
        }
        out.record(resource, t.logging, || {
            "the trail exists but logging is stopped".into()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use wellscan_model::CloudtrailTrail;

    #[test]
    fn flags_stopped_trails() {
        let t = |id: &str, logging: bool| -> Resource {
            CloudtrailTrail {
                id: id.into(),
                region: "us-east-1".into(),
                logging,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(&CHECK, vec![t("off", false), t("on", true)]),
            ["off"]
        );
    }
}
