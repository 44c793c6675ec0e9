//! Regions where Security Hub is off: no security controls are evaluated there, and findings
//! from GuardDuty, Inspector and Macie are not collected in one place. A region whose hub
//! state could not be read has no record, only its coverage gap, and is not judged.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "securityhub.disabled",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC04-BP02",
        reads: &["securityhub:DescribeHub"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Security Hub is off in the region",
        action: "Turn on Security Hub with the foundational best practices standard",
        remediation: "Enable Security Hub in the region with the AWS Foundational Security Best Practices \
            standard, and aggregate findings into one home region. Console: Security Hub > Go to Security Hub > \
            Enable (region {region}). CLI: aws securityhub enable-security-hub --region {region} \
            --enable-default-standards",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, hub) in ctx.each(Resource::as_securityhub) {
        out.record(resource, hub.enabled, || {
            format!("Security Hub not enabled in {}", hub.region)
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::SecurityHub;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_regions_without_security_hub() {
        let hub = |region: &str, enabled| -> Resource {
            SecurityHub {
                id: region.into(),
                region: region.into(),
                enabled,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![hub("us-east-1", false), hub("eu-west-1", true)]
            ),
            ["us-east-1"]
        );
    }
}
