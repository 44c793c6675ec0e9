//! An organisation's accounts scanned in one run, rolled up: each account's scores and trend,
//! the worst accounts per pillar, the findings that recur across accounts, the savings, and
//! every account that could not be scanned and why.
//!
//! The rollup is folded one account at a time ([`RollupBuilder`]) from what the history keeps
//! of a scan (its [`ScanRecord`], [`StoredFinding`]s and trend), so a run over hundreds of
//! accounts never holds more than one account's findings, and `wellscan org rollup` builds the
//! same document from the history alone.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{DocumentError, Pillar, PillarScore, ScanRecord, ScanStatus, Severity, StoredFinding};

/// The version of `assessment-org.json` this wellscan writes.
pub const ORG_ROLLUP_SCHEMA_VERSION: u32 = 1;

/// How many accounts each pillar's "worst accounts" lists.
pub const WORST_ACCOUNTS: usize = 5;

/// A member account as Organizations lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgAccount {
    pub id: String,
    /// The account's name in the organisation; empty when unknown.
    pub name: String,
}

/// The organisation rollup, `assessment-org.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgRollup {
    pub schema_version: u32,
    /// The run's id (the scan ids of its accounts are their own).
    pub run_id: String,
    pub generated_at: DateTime<Utc>,
    /// Every account scanned, lowest overall score first.
    pub accounts: Vec<ScannedAccount>,
    /// Every account of the run that could not be scanned, with the reason.
    pub unscanned: Vec<UnscannedAccount>,
    /// Per pillar, the accounts with the lowest scores below 100, lowest first.
    pub worst_by_pillar: Vec<PillarWorst>,
    /// Checks that failed in more than one account, in most accounts first.
    pub recurring: Vec<RecurringFinding>,
    /// The sum of every scanned account's monthly savings (each de-duplicated per resource).
    pub monthly_savings_usd: f64,
    /// Findings over every scanned account.
    pub findings: usize,
}

impl OrgRollup {
    /// Parses an `assessment-org.json`, refusing one written by a newer wellscan.
    pub fn from_json(text: &str) -> Result<OrgRollup, DocumentError> {
        crate::document::from_json(text, ORG_ROLLUP_SCHEMA_VERSION)
    }

    /// The worst severity of any finding in any account.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.accounts.iter().filter_map(|a| a.worst_severity).max()
    }
}

/// One scanned account in the rollup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScannedAccount {
    pub account_id: String,
    pub name: String,
    pub scan_id: String,
    /// `succeeded`, or `partial` when something could not be read.
    pub status: ScanStatus,
    pub started_at: DateTime<Utc>,
    pub overall_score: u8,
    pub pillars: Vec<PillarScore>,
    pub findings: usize,
    /// Findings per severity, most severe first; severities with none are left out.
    pub by_severity: Vec<SeverityCount>,
    pub worst_severity: Option<Severity>,
    pub monthly_savings_usd: f64,
    pub coverage_gaps: usize,
    /// Overall scores of the account's earlier scans, oldest first (this one not included).
    pub trend: Vec<u8>,
    /// Where the account's reports are.
    pub reports: Vec<String>,
}

impl ScannedAccount {
    /// The overall score's change since the account's previous scan.
    pub fn change(&self) -> Option<i16> {
        self.trend
            .last()
            .map(|before| i16::from(self.overall_score) - i16::from(*before))
    }

    pub fn pillar_score(&self, pillar: Pillar) -> Option<u8> {
        self.pillars
            .iter()
            .find(|p| p.pillar == pillar)
            .map(|p| p.score)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityCount {
    pub severity: Severity,
    pub count: usize,
}

/// An account of the run that has no assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnscannedAccount {
    pub account_id: String,
    pub name: String,
    pub reason: String,
}

/// A pillar's lowest-scoring accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PillarWorst {
    pub pillar: Pillar,
    pub accounts: Vec<AccountScore>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountScore {
    pub account_id: String,
    pub name: String,
    pub score: u8,
}

/// A check that failed in several accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecurringFinding {
    pub check_id: String,
    pub title: String,
    pub pillar: Pillar,
    /// The most severe of its findings.
    pub severity: Severity,
    /// The accounts it failed in, by id.
    pub accounts: Vec<String>,
    /// Its findings over every account.
    pub resources: usize,
    /// What fixing all of them saves per month, when the check prices its findings.
    pub monthly_savings_usd: Option<f64>,
}

/// Folds the accounts of a run into an [`OrgRollup`], one at a time.
#[derive(Debug, Default)]
pub struct RollupBuilder {
    accounts: Vec<ScannedAccount>,
    unscanned: Vec<UnscannedAccount>,
    checks: BTreeMap<String, CheckAcross>,
    findings: usize,
}

#[derive(Debug)]
struct CheckAcross {
    title: String,
    pillar: Pillar,
    severity: Severity,
    accounts: BTreeSet<String>,
    resources: usize,
    savings: Option<f64>,
}

impl RollupBuilder {
    pub fn new() -> RollupBuilder {
        RollupBuilder::default()
    }

    /// Adds a finished scan of `account`: its record, its findings and the overall scores of
    /// its earlier scans, oldest first.
    pub fn scanned(
        &mut self,
        account: &OrgAccount,
        record: &ScanRecord,
        findings: &[StoredFinding],
        trend: Vec<u8>,
    ) {
        let mut severities: BTreeMap<Severity, usize> = BTreeMap::new();
        for f in findings {
            *severities.entry(f.severity).or_default() += 1;
            let check = self
                .checks
                .entry(f.check_id.clone())
                .or_insert_with(|| CheckAcross {
                    title: f.title.clone(),
                    pillar: f.pillar,
                    severity: f.severity,
                    accounts: BTreeSet::new(),
                    resources: 0,
                    savings: None,
                });
            check.severity = check.severity.max(f.severity);
            check.accounts.insert(account.id.clone());
            check.resources += 1;
            if let Some(s) = f.monthly_savings_usd {
                *check.savings.get_or_insert(0.0) += s;
            }
        }
        self.findings += findings.len();
        self.accounts.push(ScannedAccount {
            account_id: account.id.clone(),
            name: account.name.clone(),
            scan_id: record.scan_id.clone(),
            status: record.status,
            started_at: record.started_at,
            overall_score: record.overall_score.unwrap_or(0),
            pillars: record.pillars.clone(),
            findings: findings.len(),
            worst_severity: severities.keys().next_back().copied(),
            by_severity: severities
                .into_iter()
                .rev()
                .map(|(severity, count)| SeverityCount { severity, count })
                .collect(),
            monthly_savings_usd: record.monthly_savings_usd,
            coverage_gaps: record.coverage_gaps,
            trend,
            reports: record.reports.clone(),
        });
    }

    /// Adds an account of the run that could not be scanned.
    pub fn unscanned(&mut self, account: &OrgAccount, reason: impl Into<String>) {
        self.unscanned.push(UnscannedAccount {
            account_id: account.id.clone(),
            name: account.name.clone(),
            reason: reason.into(),
        });
    }

    pub fn finish(self, run_id: &str, generated_at: DateTime<Utc>) -> OrgRollup {
        let RollupBuilder {
            mut accounts,
            mut unscanned,
            checks,
            findings,
        } = self;
        accounts.sort_by(|a, b| {
            a.overall_score
                .cmp(&b.overall_score)
                .then_with(|| a.account_id.cmp(&b.account_id))
        });
        unscanned.sort_by(|a, b| a.account_id.cmp(&b.account_id));
        let worst_by_pillar = Pillar::ALL
            .iter()
            .map(|&pillar| {
                let mut scores: Vec<AccountScore> = accounts
                    .iter()
                    .filter_map(|a| {
                        a.pillar_score(pillar)
                            .filter(|s| *s < 100)
                            .map(|score| AccountScore {
                                account_id: a.account_id.clone(),
                                name: a.name.clone(),
                                score,
                            })
                    })
                    .collect();
                scores.sort_by(|a, b| {
                    a.score
                        .cmp(&b.score)
                        .then_with(|| a.account_id.cmp(&b.account_id))
                });
                scores.truncate(WORST_ACCOUNTS);
                PillarWorst {
                    pillar,
                    accounts: scores,
                }
            })
            .collect();
        let mut recurring: Vec<RecurringFinding> = checks
            .into_iter()
            .filter(|(_, c)| c.accounts.len() > 1)
            .map(|(check_id, c)| RecurringFinding {
                check_id,
                title: c.title,
                pillar: c.pillar,
                severity: c.severity,
                accounts: c.accounts.into_iter().collect(),
                resources: c.resources,
                monthly_savings_usd: c.savings,
            })
            .collect();
        recurring.sort_by(|a, b| {
            b.accounts
                .len()
                .cmp(&a.accounts.len())
                .then(b.severity.cmp(&a.severity))
                .then(b.resources.cmp(&a.resources))
                .then_with(|| a.check_id.cmp(&b.check_id))
        });
        OrgRollup {
            schema_version: ORG_ROLLUP_SCHEMA_VERSION,
            run_id: run_id.to_string(),
            generated_at,
            monthly_savings_usd: accounts.iter().map(|a| a.monthly_savings_usd).sum(),
            accounts,
            unscanned,
            worst_by_pillar,
            recurring,
            findings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(account: &str, score: u8, savings: f64) -> ScanRecord {
        let started = DateTime::parse_from_rfc3339("2026-12-01T02:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let mut r = ScanRecord::running(&format!("scan-{account}"), account, started);
        r.status = ScanStatus::Succeeded;
        r.overall_score = Some(score);
        r.pillars = Pillar::ALL
            .iter()
            .map(|&pillar| PillarScore { pillar, score })
            .collect();
        r.monthly_savings_usd = savings;
        r
    }

    fn finding(
        check: &str,
        resource: &str,
        severity: Severity,
        savings: Option<f64>,
    ) -> StoredFinding {
        StoredFinding {
            check_id: check.into(),
            resource_id: resource.into(),
            region: "us-east-1".into(),
            resource_kind: "s3_bucket".into(),
            pillar: Pillar::Security,
            severity,
            title: format!("{check} failed"),
            resource_name: resource.into(),
            monthly_savings_usd: savings,
        }
    }

    fn account(id: &str, name: &str) -> OrgAccount {
        OrgAccount {
            id: id.into(),
            name: name.into(),
        }
    }

    #[test]
    fn a_rollup_ranks_accounts_finds_recurring_checks_and_keeps_the_unscanned() {
        let mut b = RollupBuilder::new();
        b.scanned(
            &account("111111111111", "prod"),
            &record("111111111111", 40, 120.0),
            &[
                finding("s3.public", "a", Severity::Critical, None),
                finding("ec2.idle", "i-1", Severity::Low, Some(20.0)),
            ],
            vec![55],
        );
        b.scanned(
            &account("222222222222", "本番"),
            &record("222222222222", 80, 30.5),
            &[
                finding("s3.public", "b", Severity::High, None),
                finding("s3.public", "c", Severity::High, None),
            ],
            Vec::new(),
        );
        b.unscanned(
            &account("333333333333", "sandbox"),
            "the role cannot be assumed",
        );
        let rollup = b.finish("org-1", Utc::now());

        let order: Vec<&str> = rollup
            .accounts
            .iter()
            .map(|a| a.account_id.as_str())
            .collect();
        assert_eq!(
            order,
            ["111111111111", "222222222222"],
            "lowest score first"
        );
        assert_eq!(rollup.accounts[0].change(), Some(-15));
        assert_eq!(
            rollup.accounts[1].change(),
            None,
            "first scan of the account"
        );
        assert_eq!(rollup.accounts[0].worst_severity, Some(Severity::Critical));
        assert_eq!(rollup.worst_severity(), Some(Severity::Critical));
        assert_eq!(rollup.findings, 4);
        assert!((rollup.monthly_savings_usd - 150.5).abs() < 1e-9);

        assert_eq!(rollup.recurring.len(), 1, "ec2.idle is in one account only");
        let public = &rollup.recurring[0];
        assert_eq!(public.check_id, "s3.public");
        assert_eq!(public.accounts, ["111111111111", "222222222222"]);
        assert_eq!(public.resources, 3);
        assert_eq!(public.severity, Severity::Critical);

        let security = rollup
            .worst_by_pillar
            .iter()
            .find(|w| w.pillar == Pillar::Security)
            .expect("every pillar");
        assert_eq!(security.accounts[0].account_id, "111111111111");
        assert_eq!(rollup.unscanned[0].reason, "the role cannot be assumed");

        let text = serde_json::to_string(&rollup).expect("serialises");
        assert_eq!(OrgRollup::from_json(&text).expect("reads back"), rollup);
    }
}
