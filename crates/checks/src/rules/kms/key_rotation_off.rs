//! Enabled customer managed keys that never rotate.

use wellscan_model::{Fact, Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "kms.key_rotation_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC08-BP01",
        reads: &[
            "kms:ListKeys",
            "kms:DescribeKey",
            "kms:GetKeyRotationStatus",
        ],
        facts: &[Fact::RotationEnabled],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "KMS key does not rotate automatically",
        action: "Turn on automatic rotation for customer managed keys",
        remediation: "Enable automatic key rotation (yearly by default, configurable). Console: KMS > Customer managed \
            keys > {id} > Key rotation. CLI: aws kms enable-key-rotation --region {region} --key-id {id}",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, key) in ctx.each(Resource::as_kms_key) {
        // Rotation applies to enabled symmetric keys only (`None` for the others).
        if key.state != "Enabled" || out.unknown(resource, &[Fact::RotationEnabled]) {
            continue;
        }
        let Some(rotating) = key.rotation_enabled else {
            continue;
        };
        out.record(resource, rotating, || {
            format!(
                "{} key \u{201c}{}\u{201d} never rotates",
                key.spec, key.description
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::KmsKey;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_enabled_keys_without_rotation() {
        let key = |id: &str, state: &str, rotation| -> Resource {
            KmsKey {
                id: id.into(),
                state: state.into(),
                rotation_enabled: rotation,
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                key("static", "Enabled", Some(false)),
                key("rotating", "Enabled", Some(true)),
                key("asymmetric", "Enabled", None),
                key("retired", "PendingDeletion", Some(false)),
            ],
        );
        assert_eq!(fails, ["static"]);
    }
}
