//! Secrets Manager secrets that are never rotated: a leaked value stays valid for as long as
//! the secret lives.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "secretsmanager.rotation_off",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC02-BP05",
        reads: &["secretsmanager:ListSecrets"],
        facts: &[],
        severity: Severity::Medium,
        fix: FixEffect::Neutral,
        title: "Secret is never rotated",
        action: "Turn on automatic rotation for secrets",
        remediation: "Turn on rotation with a rotation function (Secrets Manager provides them for RDS, Redshift \
            and DocumentDB credentials) on a schedule of 90 days or less. Console: Secrets Manager > Secrets > \
            {id} > Rotation > Edit rotation. CLI: aws secretsmanager rotate-secret --region {region} --secret-id \
            {id} --rotation-lambda-arn FUNCTION_ARN --rotation-rules AutomaticallyAfterDays=30",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_secret) {
        out.record(resource, s.rotation_enabled, || {
            match ctx.days_since(s.last_rotated.or(s.created_at)) {
                Some(d) => format!("rotation off, value unchanged for {}", crate::days(d)),
                None => "rotation off".to_string(),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Secret;

    use super::*;
    use crate::testing::{days_ago, outcome};

    #[test]
    fn flags_secrets_without_rotation_with_their_age() {
        let stale = Secret {
            id: "prod/db".into(),
            created_at: days_ago(400),
            ..Default::default()
        };
        let rotated = Secret {
            id: "prod/api".into(),
            rotation_enabled: true,
            ..Default::default()
        };
        let run = outcome(&CHECK, vec![stale.into(), rotated.into()]);
        let failed: Vec<_> = run
            .failures()
            .iter()
            .map(|f| (f.resource_id(), f.evidence()))
            .collect();
        assert_eq!(
            failed,
            [("prod/db", "rotation off, value unchanged for 400 days")]
        );
    }
}
