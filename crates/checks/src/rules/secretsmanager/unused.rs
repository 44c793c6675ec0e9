//! Secrets nobody has read for 90 days: paid for every month, and a credential that may still
//! work somewhere.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

/// Days without a read after which a secret counts as unused.
const UNUSED_DAYS: i64 = 90;

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "secretsmanager.unused",
        pillar: Pillar::CostOptimization,
        related: &[Pillar::Security],
        best_practice: "COST04-BP03",
        reads: &["secretsmanager:ListSecrets"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Reduces,
        title: "Secret has not been read for 90 days",
        action: "Delete secrets nothing reads",
        remediation: "Confirm nothing depends on the secret (CloudTrail GetSecretValue events), revoke the \
            credential it holds, then schedule its deletion (7 to 30 days' recovery window). Console: Secrets \
            Manager > Secrets > {id} > Actions > Delete secret. CLI: aws secretsmanager delete-secret --region \
            {region} --secret-id {id} --recovery-window-in-days 30",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, s) in ctx.each(Resource::as_secret) {
        let idle = match ctx.days_since(s.last_accessed) {
            Some(d) => d,
            // Never read: count from creation, so a secret made yesterday is not unused.
            None => match ctx.days_since(s.created_at) {
                Some(d) => d,
                None => {
                    out.skip(resource);
                    continue;
                }
            },
        };
        if idle < UNUSED_DAYS {
            out.pass();
            continue;
        }
        let evidence = match s.last_accessed {
            Some(_) => format!("last read {} ago", crate::days(idle)),
            None => format!(
                "never read in the {} since it was created",
                crate::days(idle)
            ),
        };
        out.fail_with_savings(
            resource,
            evidence,
            Some(ctx.prices.secrets_monthly(1, &s.region)),
        );
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::Secret;

    use super::*;
    use crate::testing::{days_ago, outcome};

    #[test]
    fn flags_secrets_idle_for_ninety_days_with_their_monthly_price() {
        let secret = |id: &str, created, accessed: Option<i64>| -> Resource {
            Secret {
                id: id.into(),
                region: "us-east-1".into(),
                created_at: days_ago(created),
                last_accessed: accessed.and_then(days_ago),
                ..Default::default()
            }
            .into()
        };
        let run = outcome(
            &CHECK,
            vec![
                secret("old/token", 300, Some(120)),
                secret("never/read", 200, None),
                secret("new/never", 10, None),
                secret("live/db", 300, Some(1)),
            ],
        );
        let failed: Vec<_> = run
            .failures()
            .iter()
            .map(|f| (f.resource_id(), f.evidence(), f.monthly_savings_usd()))
            .collect();
        assert_eq!(
            failed,
            [
                ("old/token", "last read 120 days ago", Some(0.4)),
                (
                    "never/read",
                    "never read in the 200 days since it was created",
                    Some(0.4)
                ),
            ]
        );
    }
}
