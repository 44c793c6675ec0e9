//! Regions where GuardDuty is off: nothing watches for compromised credentials, crypto-mining
//! or calls from known-bad addresses there. A region whose detectors could not be listed has
//! no `Guardduty` record, only its coverage gap, and is not judged.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "guardduty.disabled",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC04-BP03",
        reads: &["guardduty:ListDetectors", "guardduty:GetDetector"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "GuardDuty is off in the region",
        action: "Turn on GuardDuty in every enabled region",
        remediation: "Enable GuardDuty in the region (for an organisation, from the delegated administrator with \
            auto-enable for new accounts) and route its findings to the security team. Console: GuardDuty > Get \
            started > Enable GuardDuty (region {region}). CLI: aws guardduty create-detector --region {region} \
            --enable",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, g) in ctx.each(Resource::as_guardduty) {
        out.record(resource, g.enabled, || {
            if g.id == "guardduty" {
                format!("no GuardDuty detector in {}", g.region)
            } else {
                format!("detector {} is suspended", g.id)
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Guardduty;

    use super::*;
    use crate::testing::outcome;

    #[test]
    fn flags_regions_without_an_enabled_detector() {
        let region = |region: &str, id: &str, enabled| -> Resource {
            Guardduty {
                id: id.into(),
                region: region.into(),
                enabled,
                ..Default::default()
            }
            .into()
        };
        let run = outcome(
            &CHECK,
            vec![
                region("us-east-1", "guardduty", false),
                region("eu-west-1", "d-1", false),
                region("us-west-2", "d-2", true),
            ],
        );
        let failed: Vec<_> = run.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(
            failed,
            [
                "no GuardDuty detector in us-east-1",
                "detector d-1 is suspended"
            ]
        );
    }
}
