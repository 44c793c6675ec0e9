//! `wellscan history`, `show` and `diff`, and opening the history store for `scan`.

use crate::term::{say, warn_line};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use wellscan_orchestrator::aws::Access;

use crate::aws::Caller;

use anyhow::anyhow;
use chrono::Utc;
use wellscan_model::{Pillar, ScanDiff, ScanRecord, StoredFinding, usd};
use wellscan_store::{DynamoStore, ScanStore, SqliteStore};

use crate::args::{DiffArgs, HistoryArgs, ShowArgs, StoreArgs};
use crate::{Exit, Failure};

/// A scan still `running` this long after it started has stopped without saying so.
pub const STALE_AFTER: Duration = Duration::from_secs(6 * 3600);

/// How many findings a text diff lists per group before "and N more".
const LISTED: usize = 15;

/// `$XDG_DATA_HOME/wellscan/history.db`, else `~/.local/share/wellscan/history.db`.
pub fn default_db() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("wellscan/history.db")
}

/// The store `args` name, with stale running scans marked failed.
pub async fn open(args: &StoreArgs, caller: &Caller) -> Result<Arc<dyn ScanStore>, Failure> {
    let store: Arc<dyn ScanStore> = match &args.store {
        Some(url) => Arc::new(dynamodb(url, args.create_table, caller).await?),
        None => {
            let path = args.db.clone().unwrap_or_else(default_db);
            Arc::new(SqliteStore::open(&path).map_err(|e| Failure::Usage(e.into()))?)
        }
    };
    let now = Utc::now();
    let cutoff = now - chrono::Duration::from_std(STALE_AFTER).unwrap_or_default();
    let recovered = store
        .recover_stale(cutoff, now)
        .await
        .map_err(|e| Failure::Run(e.into()))?;
    for id in recovered {
        warn_line!("wellscan: scan {id} never finished; it is marked failed in the history");
    }
    Ok(store)
}

/// The store `args` name, for a command that only reads: a history file that does not exist is
/// never created. `None` is the default file not made yet (no scan recorded); a `--db` that
/// names no file is a usage error.
pub async fn open_to_read(args: &StoreArgs) -> Result<Option<Arc<dyn ScanStore>>, Failure> {
    if args.store.is_none() {
        let path = args.db.clone().unwrap_or_else(default_db);
        if !path.exists() {
            return match &args.db {
                Some(db) => Err(Failure::usage(format!(
                    "--db {}: no history there (wellscan creates it with the first scan recorded); check the path",
                    db.display()
                ))),
                None => Ok(None),
            };
        }
    }
    open(args, &Caller::new(Access::default())).await.map(Some)
}

const NO_SCANS: &str = "No scans recorded yet. Run `wellscan scan --demo` to record one.";

/// Refuses a `--store` that names no store, before any work; whether the store can be opened
/// is found out later.
pub fn validate(args: &StoreArgs) -> Result<(), Failure> {
    match &args.store {
        Some(url) => table_name(url).map(|_| ()),
        None => Ok(()),
    }
}

fn table_name(url: &str) -> Result<&str, Failure> {
    url.strip_prefix("dynamodb://")
        .filter(|t| !t.is_empty() && !t.contains('/'))
        .ok_or_else(|| Failure::usage(format!("--store {url}: expected dynamodb://TABLE")))
}

/// The table `url` names (`dynamodb://TABLE`), which must exist already.
pub async fn existing_table(url: &str, caller: &Caller) -> Result<String, Failure> {
    let table = table_name(url)?;
    let session = caller.session().await?;
    let store = DynamoStore::new(session.client(), table);
    if store.exists().await.map_err(|e| Failure::Run(e.into()))? {
        return Ok(table.to_string());
    }
    Err(Failure::usage(format!(
        "the DynamoDB table {table} does not exist in {}: `wellscan serve --store {url} --create-table` creates it",
        session.region()
    )))
}

/// The DynamoDB store `url` names (`dynamodb://TABLE`), created first if asked.
async fn dynamodb(url: &str, create: bool, caller: &Caller) -> Result<DynamoStore, Failure> {
    let table = table_name(url)?;
    let session = caller.session().await?;
    let store = DynamoStore::new(session.client(), table);
    if store.exists().await.map_err(|e| Failure::Run(e.into()))? {
        return Ok(store);
    }
    if !create {
        return Err(Failure::usage(format!(
            "the DynamoDB table {table} does not exist in {}: add --create-table to create it",
            session.region()
        )));
    }
    store
        .create_table()
        .await
        .map_err(|e| Failure::Run(e.into()))?;
    warn_line!("wellscan: created the history table {table}");
    Ok(store)
}

pub async fn list(args: HistoryArgs) -> Result<Exit, Failure> {
    let scans = match open_to_read(&args.store).await? {
        Some(store) => store
            .list(args.account.as_deref(), args.limit)
            .await
            .map_err(run)?,
        None => Vec::new(),
    };
    if args.json {
        print_json(&scans)?;
        return Ok(Exit::Done);
    }
    if scans.is_empty() {
        match &args.account {
            Some(account) => say!("No scans of account {account} in the history."),
            None => say!("{NO_SCANS}"),
        }
        return Ok(Exit::Done);
    }
    say!(
        "{:<26} {:<17} {:<12} {:<10} {:>7}  {:<23} {:>8} {:>11}",
        "SCAN",
        "STARTED (UTC)",
        "ACCOUNT",
        "STATUS",
        "OVERALL",
        "OPS SEC REL PERF COST SUS",
        "FINDINGS",
        "SAVINGS/MO"
    );
    for r in &scans {
        say!(
            "{:<26} {:<17} {:<12} {:<10} {:>7}  {:<23} {:>8} {:>11}",
            r.scan_id,
            r.started_at.format("%Y-%m-%d %H:%M"),
            r.account_id,
            r.status,
            r.overall_score
                .map(|s| s.to_string())
                .unwrap_or_else(|| "-".into()),
            pillar_columns(r),
            r.findings,
            usd(r.monthly_savings_usd),
        );
    }
    Ok(Exit::Done)
}

fn pillar_columns(r: &ScanRecord) -> String {
    Pillar::ALL
        .iter()
        .zip([3usize, 3, 3, 4, 4, 3])
        .map(|(p, width)| {
            let score = r
                .pillars
                .iter()
                .find(|s| s.pillar == *p)
                .map(|s| s.score.to_string());
            format!("{:>width$}", score.unwrap_or_else(|| "-".into()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn show(args: ShowArgs) -> Result<Exit, Failure> {
    let record = match open_to_read(&args.store).await? {
        Some(store) => store.get(&args.scan_id).await.map_err(run)?,
        None => None,
    };
    let record =
        record.ok_or_else(|| Failure::usage(format!("no scan {} in the history", args.scan_id)))?;
    if args.json {
        print_json(&record)?;
        return Ok(Exit::Done);
    }
    say!("Scan      {}", record.scan_id);
    say!("Account   {}", record.account_id);
    say!(
        "Started   {}",
        record.started_at.format("%Y-%m-%d %H:%M:%S UTC")
    );
    if let Some(done) = record.finished_at {
        say!("Finished  {}", done.format("%Y-%m-%d %H:%M:%S UTC"));
    }
    say!("Status    {}", record.status);
    if let Some(error) = &record.error {
        say!("Error     {error}");
    }
    if let Some(score) = record.overall_score {
        say!("Overall   {score}/100");
        for p in &record.pillars {
            say!("  {:<24} {:>3}", p.pillar.title(), p.score);
        }
        say!("Findings  {}", record.findings);
        say!("Savings   {} per month", usd(record.monthly_savings_usd));
        say!(
            "Gaps      {} of the account could not be read",
            wellscan_model::count(record.coverage_gaps, "part", "parts")
        );
    }
    if !record.reports.is_empty() {
        say!("Reports");
        for r in &record.reports {
            say!("  {r}");
        }
    }
    Ok(Exit::Done)
}

pub async fn diff(args: DiffArgs) -> Result<Exit, Failure> {
    let Some(store) = open_to_read(&args.store).await? else {
        return Err(Failure::usage(
            "no scans recorded yet: run `wellscan scan` first",
        ));
    };
    let (older, newer) = wellscan_store::pick(store.as_ref(), &args.scans, args.account.as_deref())
        .await
        .map_err(compare_failure)?;
    let d = wellscan_store::compare(store.as_ref(), &older, &newer)
        .await
        .map_err(compare_failure)?;
    if args.json {
        print_json(&d)?;
        return Ok(Exit::Done);
    }
    let (Some(before), Some(after)) = (
        store.get(&older).await.map_err(run)?,
        store.get(&newer).await.map_err(run)?,
    ) else {
        return Err(Failure::usage(format!(
            "{older} or {newer} left the history"
        )));
    };
    print_diff(&before, &after, &d);
    Ok(Exit::Done)
}

fn compare_failure(e: wellscan_store::CompareError) -> Failure {
    match e {
        wellscan_store::CompareError::Usage(m) => Failure::usage(m),
        wellscan_store::CompareError::Store(e) => run(e),
    }
}

fn print_diff(before: &ScanRecord, after: &ScanRecord, d: &ScanDiff) {
    say!(
        "{} ({}) → {} ({}), account {}",
        d.from_scan,
        before.started_at.format("%Y-%m-%d %H:%M"),
        d.to_scan,
        after.started_at.format("%Y-%m-%d %H:%M"),
        after.account_id
    );
    if let Some(line) = wellscan_report::compared_line(d) {
        say!("{line}");
    }
    say!(
        "Overall   {} → {} ({:+})",
        before.overall_score.unwrap_or(0),
        after.overall_score.unwrap_or(0),
        d.overall_delta
    );
    for p in &d.pillars {
        say!(
            "  {:<24} {:>3} → {:>3} ({:+})",
            p.pillar.title(),
            p.before,
            p.after,
            p.delta
        );
    }
    say!(
        "Savings   {} → {} per month",
        usd(before.monthly_savings_usd),
        usd(after.monthly_savings_usd)
    );
    list_findings("New", &d.new.iter().collect::<Vec<_>>());
    let fixed: Vec<&StoredFinding> = d
        .resolved
        .iter()
        .filter(|r| !r.resource_gone)
        .map(|r| &r.finding)
        .collect();
    let went: Vec<&StoredFinding> = d
        .resolved
        .iter()
        .filter(|r| r.resource_gone)
        .map(|r| &r.finding)
        .collect();
    list_findings("Resolved (fixed)", &fixed);
    list_findings("Resolved (resource gone)", &went);
    say!("Still open: {}", d.still_open.len());
    say!("Resources gone: {}", d.gone.len());
}

fn list_findings(title: &str, findings: &[&StoredFinding]) {
    say!("{title}: {}", findings.len());
    for f in findings.iter().take(LISTED) {
        say!(
            "  {:<8} {} — {} ({}, {})",
            f.severity.id(),
            f.title,
            f.resource_name,
            f.resource_id,
            f.region
        );
    }
    if findings.len() > LISTED {
        say!(
            "  … and {} more (--json lists them all)",
            findings.len() - LISTED
        );
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Run(e.into()))?;
    say!("{text}");
    Ok(())
}

fn run(e: wellscan_store::StoreError) -> Failure {
    match e {
        wellscan_store::StoreError::NotFound(_) => Failure::Usage(anyhow!(e)),
        other => Failure::Run(other.into()),
    }
}
