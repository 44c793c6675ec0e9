//! Regions where AWS Config does not record: no history of what changed, when, or by whom,
//! and no Config rule can judge what it never sees.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "config.recorder_off",
        pillar: Pillar::Security,
        related: &[Pillar::OperationalExcellence],
        best_practice: "SEC04-BP04",
        reads: &[
            "config:DescribeConfigurationRecorders",
            "config:DescribeConfigurationRecorderStatus",
        ],
        facts: &[Fact::Recording],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "AWS Config is not recording in the region",
        action: "Record every resource type with AWS Config in every region",
        remediation: "Create a configuration recorder that records all supported resource types, a delivery \
            channel to S3, and start it. Console: AWS Config > Settings > Edit (region {region}). CLI: aws \
            configservice put-configuration-recorder --region {region} --configuration-recorder \
            name=default,roleARN=ROLE_ARN --recording-group allSupported=true,includeGlobalResourceTypes=true \
            && aws configservice start-configuration-recorder --region {region} --configuration-recorder-name \
            default",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, r) in ctx.each(Resource::as_config_recorder) {
        if !r.exists {
            out.fail(
                resource,
                format!("no configuration recorder in {}", r.region),
            );
            continue;
        }
        if out.unknown(resource, &[Fact::Recording]) {
            continue;
        }
        if !r.recording {
            out.fail(resource, format!("recorder {} exists but is stopped", r.id));
        } else if !r.all_supported {
            out.fail(
                resource,
                format!(
                    "recorder {} records only some resource types: changes to the others leave no record",
                    r.id
                ),
            );
        } else {
            out.pass();
        }
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::ConfigRecorder;

    use super::*;
    use crate::testing::outcome;

    #[test]
    fn flags_missing_and_stopped_recorders() {
        let missing = ConfigRecorder {
            id: "config".into(),
            region: "us-east-1".into(),
            ..Default::default()
        };
        let stopped = ConfigRecorder {
            id: "default".into(),
            exists: true,
            ..Default::default()
        };
        let running = ConfigRecorder {
            id: "default".into(),
            exists: true,
            recording: true,
            all_supported: true,
            ..Default::default()
        };
        let run = outcome(&CHECK, vec![missing.into(), stopped.into(), running.into()]);
        let failed: Vec<_> = run.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(
            failed,
            [
                "no configuration recorder in us-east-1",
                "recorder default exists but is stopped"
            ]
        );
    }

    #[test]
    fn a_recorder_of_only_some_resource_types_is_flagged() {
        let some = ConfigRecorder {
            id: "default".into(),
            exists: true,
            recording: true,
            all_supported: false,
            ..Default::default()
        };
        let run = outcome(&CHECK, vec![some.into()]);
        let failed: Vec<_> = run.failures().iter().map(|f| f.evidence()).collect();
        assert_eq!(
            failed,
            [
                "recorder default records only some resource types: changes to the others leave no record"
            ]
        );
    }
}
