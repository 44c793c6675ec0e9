//! What two hundred dashboards would otherwise each read from the stores, kept for a second.
//! Reading the same scan lists, scans and trends again for every request would make each request
//! wait its turn on the stores, behind the writes of the scans that are running.
//!
//! - [`Reads`]: history listings, history records, the service's job rows and the pages of
//!   scans made of them (each page also by the live jobs' version). Read again after
//!   [`FRESH_FOR`], or at once when this service queues a scan or one of its scans ends; a scan
//!   another process records (the CLI into the same history) shows within [`FRESH_FOR`].
//! - [`ReportFiles`]: which report files each finished scan has.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use wellscan_model::ScanRecord;
use wellscan_store::{ScanStore, StoreError};

use crate::db::{DbError, JobRow, Records};

pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// Values read at most [`FRESH_FOR`] ago, each with the generation it was read in; clearing
/// starts a new generation, so a read under way when it is cleared is not kept.
#[derive(Debug)]
pub struct Memo<K, V> {
    generation: AtomicU64,
    entries: Mutex<HashMap<K, (u64, Instant, V)>>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            generation: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    /// At most this many values are kept; the stale ones go first.
    const MAX: usize = 1_000;

    /// Forgets every value.
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// The value for `key`, from the memo when it is fresh, from `read` otherwise.
    pub async fn get_or<E>(
        &self,
        key: K,
        read: impl AsyncFnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        let generation = self.generation.load(Ordering::SeqCst);
        {
            let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((g, at, value)) = entries.get(&key)
                && *g == generation
                && at.elapsed() < FRESH_FOR
            {
                return Ok(value.clone());
            }
        }
        let value = read().await?;
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= Self::MAX {
            let current = self.generation.load(Ordering::SeqCst);
            entries.retain(|_, (g, at, _)| *g == current && at.elapsed() < FRESH_FOR);
            if entries.len() >= Self::MAX {
                entries.clear();
            }
        }
        entries.insert(key, (generation, Instant::now(), value.clone()));
        Ok(value)
    }
}

/// History listings and records and the service's job rows, forgotten when this service queues
/// a scan or one of its scans ends.
#[derive(Debug, Default)]
pub struct Reads {
    lists: Memo<(Option<String>, usize), Vec<ScanRecord>>,
    records: Memo<String, Option<ScanRecord>>,
    jobs: Memo<usize, Vec<JobRow>>,
    job: Memo<String, Option<JobRow>>,
    pages: Memo<(String, u64), Bytes>,
}

impl Reads {
    /// Forgets everything read: a scan was queued or ended.
    pub fn invalidate(&self) {
        self.lists.clear();
        self.records.clear();
        self.jobs.clear();
        self.job.clear();
        self.pages.clear();
    }

    /// A page of scans as the API sends it, by its query and the queue's live version (the page
    /// holds the live jobs' progress), from the cache when it is fresh.
    pub async fn page<E>(
        &self,
        query: String,
        live_version: u64,
        read: impl AsyncFnOnce() -> Result<Bytes, E>,
    ) -> Result<Bytes, E> {
        self.pages.get_or((query, live_version), read).await
    }

    /// `store.list(account, limit)`, from the cache when it is fresh.
    pub async fn list(
        &self,
        store: &dyn ScanStore,
        account: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ScanRecord>, StoreError> {
        self.lists
            .get_or((account.map(String::from), limit), async || {
                store.list(account, limit).await
            })
            .await
    }

    /// `store.get(id)`, from the cache when it is fresh.
    pub async fn get(
        &self,
        store: &dyn ScanStore,
        id: &str,
    ) -> Result<Option<ScanRecord>, StoreError> {
        self.records
            .get_or(id.to_string(), async || store.get(id).await)
            .await
    }

    /// The newest `limit` job rows (`db.jobs(limit, 0)`), from the cache when it is fresh.
    pub async fn jobs(&self, db: &dyn Records, limit: usize) -> Result<Vec<JobRow>, DbError> {
        self.jobs
            .get_or(limit, async || db.jobs(limit, 0).await)
            .await
    }

    /// `db.job(id)`, from the cache when it is fresh.
    pub async fn job(&self, db: &dyn Records, id: &str) -> Result<Option<JobRow>, DbError> {
        self.job
            .get_or(id.to_string(), async || db.job(id).await)
            .await
    }
}

/// Which report files a finished scan has. A scan's reports are written before it ends and never
/// change after, so each finished scan's folder is looked at once, not once per listing (a list
/// of 50 scans would otherwise stat 200 files).
#[derive(Debug, Default)]
pub struct ReportFiles {
    seen: Mutex<HashMap<String, Vec<&'static str>>>,
}

impl ReportFiles {
    /// At most this many scans are remembered; then the memo starts over.
    const MAX: usize = 10_000;

    /// The formats among `formats` (format, file name, content type) whose file is in `dir`, for
    /// the finished scan `id`.
    pub fn finished(
        &self,
        id: &str,
        dir: &std::path::Path,
        formats: &[(&'static str, &'static str, &'static str)],
    ) -> Vec<&'static str> {
        if let Some(found) = self.seen.lock().unwrap_or_else(|p| p.into_inner()).get(id) {
            return found.clone();
        }
        let found: Vec<&'static str> = formats
            .iter()
            .filter(|(_, file, _)| dir.join(file).is_file())
            .map(|(format, _, _)| *format)
            .collect();
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() >= Self::MAX {
            seen.clear();
        }
        seen.insert(id.to_string(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    /// A memo over a counter: each read from the source returns how many reads there were.
    async fn read(memo: &Memo<&'static str, usize>, reads: &AtomicUsize) -> usize {
        memo.get_or("key", async || {
            Ok::<_, ()>(reads.fetch_add(1, Ordering::SeqCst) + 1)
        })
        .await
        .expect("read")
    }

    #[tokio::test]
    async fn a_fresh_value_is_read_once_and_read_again_after_a_clear() {
        let memo = Memo::default();
        let reads = AtomicUsize::new(0);
        assert_eq!(read(&memo, &reads).await, 1);
        assert_eq!(read(&memo, &reads).await, 1, "fresh: not read again");
        memo.clear();
        assert_eq!(read(&memo, &reads).await, 2, "cleared: read again");
    }

    #[tokio::test]
    async fn a_read_under_way_when_the_memo_is_cleared_is_not_kept() {
        let memo: Memo<&'static str, usize> = Memo::default();
        let value = memo
            .get_or("key", async || {
                // A scan ends while this read is at the store.
                memo.clear();
                Ok::<_, ()>(1)
            })
            .await;
        assert_eq!(value, Ok(1), "the caller gets what it read");
        let again = memo.get_or("key", async || Ok::<_, ()>(2)).await;
        assert_eq!(again, Ok(2), "but the next caller reads again");
    }

    #[tokio::test]
    async fn an_error_is_not_kept() {
        let memo: Memo<&'static str, usize> = Memo::default();
        assert_eq!(memo.get_or("key", async || Err("down")).await, Err("down"));
        assert_eq!(memo.get_or("key", async || Ok::<_, &str>(3)).await, Ok(3));
    }

    #[test]
    fn a_finished_scans_report_files_are_looked_at_once() {
        let dir = tempfile::tempdir().expect("dir");
        let formats = [
            ("pdf", "report.pdf", "application/pdf"),
            ("json", "assessment.json", "application/json"),
        ];
        std::fs::write(dir.path().join("report.pdf"), b"%PDF").expect("write");
        let files = ReportFiles::default();
        assert_eq!(files.finished("s1", dir.path(), &formats), ["pdf"]);
        // Written after the scan ended (never, for a scan of the service): not looked for again.
        std::fs::write(dir.path().join("assessment.json"), b"{}").expect("write");
        assert_eq!(files.finished("s1", dir.path(), &formats), ["pdf"]);
        assert_eq!(
            files.finished("s2", dir.path(), &formats),
            ["pdf", "json"],
            "another scan is looked at"
        );
    }
}
