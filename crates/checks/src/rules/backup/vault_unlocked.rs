//! Backup vaults holding recovery points without Vault Lock: whoever gets the account's
//! administrator role (an attacker with ransomware included) can delete every backup first.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "backup.vault_unlocked",
        pillar: Pillar::Reliability,
        related: &[Pillar::Security],
        best_practice: "REL09-BP02",
        reads: &["backup:ListBackupVaults"],
        facts: &[],
        severity: Severity::Low,
        fix: FixEffect::Neutral,
        title: "Backup vault has no Vault Lock",
        action: "Lock backup vaults that hold recovery points",
        remediation: "Apply AWS Backup Vault Lock with a minimum retention, in governance mode first and \
            compliance mode once the retention is right. Console: AWS Backup > Backup vaults > {id} > Vault lock \
            > Create. CLI: aws backup put-backup-vault-lock-configuration --region {region} --backup-vault-name \
            {id} --min-retention-days 7",
    },
    evaluate,
};

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, v) in ctx.each(Resource::as_backup_vault) {
        if v.recovery_points == 0 {
            continue;
        }
        out.record(resource, v.locked, || {
            format!(
                "{} recovery points that anyone with backup:DeleteRecoveryPoint can delete",
                v.recovery_points
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::BackupVault;

    use super::*;
    use crate::testing::failing;

    #[test]
    fn flags_unlocked_vaults_with_recovery_points() {
        let vault = |id: &str, points, locked| -> Resource {
            BackupVault {
                id: id.into(),
                recovery_points: points,
                locked,
                ..Default::default()
            }
            .into()
        };
        assert_eq!(
            failing(
                &CHECK,
                vec![
                    vault("Default", 40, false),
                    vault("prod", 90, true),
                    vault("empty", 0, false)
                ]
            ),
            ["Default"]
        );
    }
}
