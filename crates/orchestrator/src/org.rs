//! Organisation-wide scans: the organisation's active accounts (Organizations `ListAccounts`,
//! every page, or the accounts under named organisational units), a role assumed in each,
//! each account scanned as a single scan is (its own scan id, reports, history record), at most
//! [`OrgRun::account_concurrency`] at once, and the rollup of all of them
//! (`assessment-org.json` and its reports).
//!
//! ```text
//! list_accounts ─► for each account, N at once: assume role ─► crate::run ─► fold into RollupBuilder, drop
//!                                                                              │
//!                                               OrgRollup ─► render_rollup ─► publisher_for("org")
//! ```
//!
//! An account whose role cannot be assumed, or whose scan fails, is recorded as failed in the
//! history and listed in the rollup's `unscanned` with the reason; the other accounts go on.
//! Memory stays bounded: an account's inventory and assessment are dropped once its reports are
//! written; the rollup keeps only what [`RollupBuilder`] folds.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use tokio::sync::mpsc::UnboundedSender;
use tracing::Instrument;
use wellscan_agents::Analyst;
use wellscan_model::{
    OrgAccount, OrgRollup, RollupBuilder, ScanInfo, ScanRecord, ScanSource, ScanStatus,
    StoredFinding,
};
use wellscan_report::{Format, Published, Publisher, RenderOptions};
use wellscan_store::ScanStore;

use crate::aws::{Access, Role, Session};
use crate::{InventorySource, LiveSource, ReportError, ScanError, ScanPlan, Services};

/// Accounts scanned at once by default.
pub const DEFAULT_ACCOUNT_CONCURRENCY: usize = 4;

/// The folder (and S3 account segment) the rollup is published under.
pub const ROLLUP_FOLDER: &str = "org";

/// Which of the organisation's accounts a run covers. Each entry is an account id (12 digits)
/// or an organisational unit or root id (`ou-…`, `r-…`), which stands for every account under
/// it, however deep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountFilter {
    /// Only these; every active account when empty.
    pub only: Vec<String>,
    /// Never these.
    pub exclude: Vec<String>,
}

/// An organisation-wide run.
#[derive(Debug, Clone)]
pub struct OrgRun {
    pub run_id: String,
    /// The role's name in every account: `arn:<partition>:iam::<id>:role/<name>` is assumed.
    pub role_name: String,
    pub external_id: Option<String>,
    pub filter: AccountFilter,
    /// Accounts scanned at once.
    pub account_concurrency: usize,
    /// Calls in flight at once within one account's discovery.
    pub discovery_concurrency: usize,
    /// When one account's discovery stops.
    pub deadline: Option<Duration>,
    /// What each account's scan does; its `scan_id` and `source` are replaced per account.
    pub plan: ScanPlan,
}

/// Where a folder's reports are published: an account's (by id) or the rollup's.
pub type PublisherFor = Arc<dyn Fn(&str) -> Arc<dyn Publisher> + Send + Sync>;

/// What an organisation-wide run talks to.
#[derive(Clone)]
pub struct OrgServices {
    pub analyst: Arc<dyn Analyst>,
    pub history: Option<Arc<dyn ScanStore>>,
    pub upload: Option<Arc<dyn Publisher>>,
    /// Where an account's reports are written (by account id), and the rollup's
    /// ([`ROLLUP_FOLDER`]).
    pub publisher_for: PublisherFor,
}

/// How an organisation-wide run is going.
#[derive(Debug, Clone, PartialEq)]
pub enum OrgProgress {
    Listed {
        accounts: usize,
    },
    Started {
        account: OrgAccount,
    },
    Scanned {
        account: OrgAccount,
        score: u8,
        findings: usize,
    },
    Unscanned {
        account: OrgAccount,
        reason: String,
    },
}

/// What a finished run produced.
#[derive(Debug, Clone)]
pub struct OrgOutcome {
    pub rollup: OrgRollup,
    /// The rollup's files.
    pub published: Vec<Published>,
    pub uploaded: Vec<Published>,
    pub upload_error: Option<String>,
    pub report_errors: Vec<ReportError>,
    /// Accounts whose scan finished but left something to say (a failed upload, an unwritten
    /// report or history record), each as `<account>: <what>`.
    pub warnings: Vec<String>,
}

/// Why the accounts could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum OrgError {
    #[error(
        "cannot list the organisation's accounts (Organizations {operation}): {reason}. Run from the management account or a delegated administrator"
    )]
    List {
        operation: &'static str,
        reason: String,
    },
    #[error(
        "{0} is neither an account id (12 digits) nor an organisational unit or root id (ou-…, r-…)"
    )]
    BadSelector(String),
    #[error("no active account of the organisation is left to scan{0}")]
    NoAccounts(String),
    #[error("not an active account of the organisation: {0}")]
    NotInOrganisation(String),
}

impl AccountFilter {
    /// Whether `s` is an account id: 12 digits.
    pub fn is_account_id(s: &str) -> bool {
        selector_kind(s) == Some(Selector::Account)
    }
}

/// The organisation's active accounts that `filter` keeps, by id.
pub async fn list_accounts(
    session: &Session,
    filter: &AccountFilter,
) -> Result<Vec<OrgAccount>, OrgError> {
    for selector in filter.only.iter().chain(&filter.exclude) {
        if selector_kind(selector).is_none() {
            return Err(OrgError::BadSelector(selector.clone()));
        }
    }
    let client = session.client::<aws_sdk_organizations::Client>();
    let every = active_accounts(&client)
        .instrument(tracing::info_span!("organizations", call = "ListAccounts"))
        .await?;
    let only = expand(&client, &filter.only).await?;
    // An id that is not there is a typo or a closed account, never silently nothing.
    let missing: Vec<&str> = filter
        .only
        .iter()
        .filter(|s| selector_kind(s) == Some(Selector::Account))
        .filter(|id| !every.iter().any(|a| &a.id == *id))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(OrgError::NotInOrganisation(missing.join(", ")));
    }
    let exclude = expand(&client, &filter.exclude).await?;
    let accounts: Vec<OrgAccount> = every
        .into_iter()
        .filter(|a| filter.only.is_empty() || only.contains(&a.id))
        .filter(|a| !exclude.contains(&a.id))
        .collect();
    if accounts.is_empty() {
        let why = match (filter.only.is_empty(), filter.exclude.is_empty()) {
            (true, true) => String::new(),
            _ => " after --accounts and --exclude".to_string(),
        };
        return Err(OrgError::NoAccounts(why));
    }
    Ok(accounts)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Selector {
    Account,
    Parent,
}

fn selector_kind(s: &str) -> Option<Selector> {
    let is_id = |rest: &str| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if s.len() == 12 && s.chars().all(|c| c.is_ascii_digit()) {
        Some(Selector::Account)
    } else if s.strip_prefix("ou-").is_some_and(is_id) || s.strip_prefix("r-").is_some_and(is_id) {
        Some(Selector::Parent)
    } else {
        None
    }
}

/// Every active account, by id.
async fn active_accounts(
    client: &aws_sdk_organizations::Client,
) -> Result<Vec<OrgAccount>, OrgError> {
    use aws_sdk_organizations::types::{AccountState, AccountStatus};
    let mut pages = client.list_accounts().into_paginator().send();
    let mut accounts = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| list_error("ListAccounts", &e))?;
        for a in page.accounts() {
            let active = match (a.state(), a.status()) {
                (Some(state), _) => *state == AccountState::Active,
                (None, Some(status)) => *status == AccountStatus::Active,
                (None, None) => false,
            };
            if let (true, Some(id)) = (active, a.id()) {
                accounts.push(OrgAccount {
                    id: id.to_string(),
                    name: a.name().unwrap_or_default().to_string(),
                });
            }
        }
    }
    accounts.sort_by(|a, b| a.id.cmp(&b.id));
    accounts.dedup_by(|a, b| a.id == b.id);
    Ok(accounts)
}

/// The account ids the selectors stand for: account ids as they are, and every account under
/// each organisational unit or root.
async fn expand(
    client: &aws_sdk_organizations::Client,
    selectors: &[String],
) -> Result<BTreeSet<String>, OrgError> {
    let mut ids = BTreeSet::new();
    let mut parents: Vec<String> = Vec::new();
    for s in selectors {
        match selector_kind(s) {
            Some(Selector::Account) => {
                ids.insert(s.clone());
            }
            _ => parents.push(s.clone()),
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(parent) = parents.pop() {
        if !seen.insert(parent.clone()) {
            continue;
        }
        let mut accounts = client
            .list_accounts_for_parent()
            .parent_id(&parent)
            .into_paginator()
            .send();
        while let Some(page) = accounts.next().await {
            let page = page.map_err(|e| list_error("ListAccountsForParent", &e))?;
            ids.extend(
                page.accounts()
                    .iter()
                    .filter_map(|a| a.id())
                    .map(String::from),
            );
        }
        let mut units = client
            .list_organizational_units_for_parent()
            .parent_id(&parent)
            .into_paginator()
            .send();
        while let Some(page) = units.next().await {
            let page = page.map_err(|e| list_error("ListOrganizationalUnitsForParent", &e))?;
            parents.extend(
                page.organizational_units()
                    .iter()
                    .filter_map(|u| u.id())
                    .map(String::from),
            );
        }
    }
    Ok(ids)
}

fn list_error<E>(operation: &'static str, e: &aws_sdk_organizations::error::SdkError<E>) -> OrgError
where
    E: aws_sdk_organizations::error::ProvideErrorMetadata + std::error::Error + 'static,
{
    use aws_sdk_organizations::error::ProvideErrorMetadata;
    OrgError::List {
        operation,
        reason: wellscan_model::service_said(e.code(), e.message(), wellscan_model::error_chain(e)),
    }
}

/// The role a run assumes in `account`.
pub fn role_arn(partition: &str, account: &str, role_name: &str) -> String {
    format!("arn:{partition}:iam::{account}:role/{role_name}")
}

/// Scans every account of `accounts`, at most `org.account_concurrency` at once, and publishes
/// the rollup. Fails only when no rollup could be written.
pub async fn run(
    access: &Access,
    partition: &str,
    org: &OrgRun,
    accounts: Vec<OrgAccount>,
    services: &OrgServices,
    progress: &UnboundedSender<OrgProgress>,
) -> Result<OrgOutcome, ScanError> {
    let span = tracing::info_span!("org", run_id = %org.run_id, accounts = accounts.len());
    async {
        let _ = progress.send(OrgProgress::Listed {
            accounts: accounts.len(),
        });
        let started_at = Utc::now();
        let mut builder = RollupBuilder::new();
        let mut warnings = Vec::new();
        let mut scans = futures::stream::iter(accounts.into_iter().map(|account| {
            let progress = progress.clone();
            async move {
                let _ = progress.send(OrgProgress::Started {
                    account: account.clone(),
                });
                let result = scan_account(access, partition, org, services, &account).await;
                (account, result)
            }
        }))
        .buffer_unordered(org.account_concurrency.max(1));
        while let Some((account, result)) = scans.next().await {
            match result {
                Ok(scanned) => {
                    let _ = progress.send(OrgProgress::Scanned {
                        account: account.clone(),
                        score: scanned.record.overall_score.unwrap_or(0),
                        findings: scanned.findings.len(),
                    });
                    warnings.extend(
                        scanned
                            .warnings
                            .iter()
                            .map(|w| format!("{}: {w}", account.id)),
                    );
                    builder.scanned(&account, &scanned.record, &scanned.findings, scanned.trend);
                }
                Err(reason) => {
                    let _ = progress.send(OrgProgress::Unscanned {
                        account: account.clone(),
                        reason: reason.clone(),
                    });
                    builder.unscanned(&account, reason);
                }
            }
        }
        drop(scans);
        let rollup = builder.finish(&org.run_id, Utc::now());
        let published = publish_rollup(
            &rollup,
            &org.plan.formats,
            &org.plan.render,
            services.publisher_for.as_ref()(ROLLUP_FOLDER).as_ref(),
            services.upload.as_deref(),
            started_at,
        )
        .await?;
        Ok(OrgOutcome {
            rollup,
            published: published.published,
            uploaded: published.uploaded,
            upload_error: published.upload_error,
            report_errors: published.report_errors,
            warnings,
        })
    }
    .instrument(span)
    .await
}

/// What the rollup keeps of one account's scan.
struct Scanned {
    record: ScanRecord,
    findings: Vec<StoredFinding>,
    trend: Vec<u8>,
    warnings: Vec<String>,
}

/// One account scanned as a single scan is; `Err` is why it could not be.
async fn scan_account(
    access: &Access,
    partition: &str,
    org: &OrgRun,
    services: &OrgServices,
    account: &OrgAccount,
) -> Result<Scanned, String> {
    let scan_id = crate::new_scan_id();
    let started_at = Utc::now();
    let span = tracing::info_span!("account", account = %account.id, scan_id = %scan_id);
    let result = async {
        let role = Role {
            arn: role_arn(partition, &account.id, &org.role_name),
            external_id: org.external_id.clone(),
        };
        let session = Session::target(access, Some(&role))
            .await
            .map_err(|e| e.to_string())?;
        let plan = ScanPlan {
            scan_id: scan_id.clone(),
            source: InventorySource::Live(Box::new(LiveSource {
                session,
                concurrency: org.discovery_concurrency,
                deadline: org.deadline,
            })),
            ..org.plan.clone()
        };
        let scan_services = Services {
            analyst: services.analyst.clone(),
            publisher: services.publisher_for.as_ref()(&account.id),
            upload: services.upload.clone(),
            history: services.history.clone(),
        };
        // Nobody watches one account's stages; the run reports accounts.
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let outcome = crate::run(&plan, &scan_services, &tx)
            .await
            .map_err(|e| wellscan_model::error_chain(&e))?;
        if outcome.assessment.scan.account_id != account.id {
            return Err(format!(
                "{} leads to account {}, not {}: its scan is in the history under that account",
                role.arn, outcome.assessment.scan.account_id, account.id
            ));
        }
        let locations = outcome
            .published
            .iter()
            .chain(&outcome.uploaded)
            .map(|p| p.address.clone())
            .collect();
        let mut warnings: Vec<String> = outcome
            .report_errors
            .iter()
            .map(|e| e.to_string())
            .collect();
        warnings.extend(outcome.upload_error.clone());
        warnings.extend(
            outcome
                .history_error
                .as_ref()
                .map(|e| format!("not recorded in the history: {e}")),
        );
        let a = outcome.assessment;
        let trend = a.since_last.as_ref().map_or_else(Vec::new, |s| {
            let mut scores: Vec<u8> = s.trend.iter().map(|t| t.overall_score).collect();
            // The last point is this scan.
            scores.pop();
            scores
        });
        Ok(Scanned {
            record: ScanRecord::finished(&a, locations),
            findings: a.findings.iter().map(StoredFinding::from).collect(),
            trend,
            warnings,
        })
    }
    .instrument(span)
    .await;
    if let (Err(reason), Some(store)) = (&result, &services.history) {
        record_unscanned(store.as_ref(), &scan_id, &account.id, started_at, reason).await;
    }
    result
}

/// Records an account that could not be scanned as a failed scan, so every account of the run
/// is in the history: a scan that failed before discovery never began its record.
pub async fn record_unscanned(
    store: &dyn ScanStore,
    scan_id: &str,
    account_id: &str,
    started_at: DateTime<Utc>,
    reason: &str,
) {
    let recorded = match store.get(scan_id).await {
        Ok(Some(r)) => r.status != ScanStatus::Running,
        Ok(None) => match store
            .begin(&ScanRecord::running(scan_id, account_id, started_at))
            .await
        {
            Ok(()) => false,
            Err(e) => {
                tracing::warn!(account_id, error = %e, "the failed account is not in the history");
                return;
            }
        },
        Err(e) => {
            tracing::warn!(account_id, error = %e, "the failed account is not in the history");
            return;
        }
    };
    if !recorded && let Err(e) = store.fail(scan_id, reason, Utc::now()).await {
        tracing::warn!(account_id, error = %e, "the failed account is not in the history");
    }
}

/// What publishing the rollup produced.
pub struct RollupPublished {
    pub published: Vec<Published>,
    pub uploaded: Vec<Published>,
    pub upload_error: Option<String>,
    pub report_errors: Vec<ReportError>,
}

/// Renders the rollup in every format and publishes it: to `publisher` (a failure there fails
/// the run), then to `upload` if given (a failure there is reported and keeps the local files).
pub async fn publish_rollup(
    rollup: &OrgRollup,
    formats: &[Format],
    options: &RenderOptions,
    publisher: &dyn Publisher,
    upload: Option<&dyn Publisher>,
    started_at: DateTime<Utc>,
) -> Result<RollupPublished, ScanError> {
    let formats: Vec<Format> = formats.iter().copied().filter(|f| f.has_rollup()).collect();
    let (files, report_errors) = crate::render(&formats, |format| {
        wellscan_report::render_rollup(format, rollup, options)
    });
    // The publishers file a report under its account and scan: the rollup's are `org` and the
    // run's id.
    let scan = ScanInfo {
        id: rollup.run_id.clone(),
        account_id: ROLLUP_FOLDER.to_string(),
        partition: String::new(),
        regions: Vec::new(),
        regions_not_enabled: Vec::new(),
        source: ScanSource::Live,
        inventory_taken_at: started_at,
        started_at,
        finished_at: rollup.generated_at,
        resources: 0,
        coverage_gaps: Vec::new(),
        prices_taken_on: None,
    };
    // Nobody watches the rollup's stages; the run reports accounts.
    let (progress, _) = tokio::sync::mpsc::unbounded_channel();
    let published = crate::publish(publisher, &scan, &files, &progress).await?;
    let (uploaded, upload_error) = match upload {
        Some(upload) => crate::upload_all(upload, &scan, &files, &progress).await,
        None => (Vec::new(), None),
    };
    Ok(RollupPublished {
        published,
        uploaded,
        upload_error,
        report_errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_account_ids_or_parents() {
        assert_eq!(selector_kind("123456789012"), Some(Selector::Account));
        assert_eq!(selector_kind("ou-ab12-cdef3456"), Some(Selector::Parent));
        assert_eq!(selector_kind("r-ab12"), Some(Selector::Parent));
        for bad in [
            "12345678901",
            "1234567890123",
            "prod",
            "ou-",
            "ou-a b",
            "arn:aws:iam::1:root",
        ] {
            assert_eq!(selector_kind(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_role_is_named_in_each_account_of_the_partition() {
        assert_eq!(
            role_arn("aws-cn", "123456789012", "WellscanScan"),
            "arn:aws-cn:iam::123456789012:role/WellscanScan"
        );
    }
}
