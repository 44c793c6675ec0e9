//! Trails whose log files can be altered without anyone noticing.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail.log_validation_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC10-BP03",
        reads: &["cloudtrail:DescribeTrails"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "CloudTrail log file validation is off",
        action: "Turn on log file validation for every trail",
        remediation: "Enable log file integrity validation so tampering with delivered logs is detectable. Console: \
            CloudTrail > Trails > {id} > Edit > Log file validation. CLI: aws cloudtrail update-trail --region {region} \
            --name {id} --enable-log-file-validation",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, trail) in ctx.each(Resource::as_cloudtrail_trail) {
        out.record(resource, trail.log_file_validation, || {
            "log files are delivered without digest files".to_string()
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::CloudtrailTrail;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_trails_without_validation() {
        let trail = |id: &str, on| -> Resource {
            CloudtrailTrail {
                id: id.into(),
                log_file_validation: on,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(&CHECK, vec![trail("plain", false), trail("signed", true)]),
            ["plain"]
        );
    }
}
