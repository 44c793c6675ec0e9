//! Recent history listings, kept for a second. Two hundred dashboards reading the same scan
//! lists and trends would otherwise each wait their turn on the history store, behind the
//! writes of the scans that are running. A listing is read again after [`FRESH_FOR`], or at
//! once when a scan of this service ends; a scan another process records (the CLI into the same
//! history) shows within [`FRESH_FOR`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use wellscan_model::ScanRecord;
use wellscan_store::{ScanStore, StoreError};

pub const FRESH_FOR: Duration = Duration::from_secs(1);

type Key = (Option<String>, usize);

/// A listing with the generation and time it was read at.
type Entry = (u64, Instant, Vec<ScanRecord>);

#[derive(Debug, Default)]
pub struct ListCache {
    generation: AtomicU64,
    entries: Mutex<HashMap<Key, Entry>>,
}

impl ListCache {
    /// Forgets every listing: a scan ended.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// `store.list(account, limit)`, from the cache when it is fresh.
    pub async fn list(
        &self,
        store: &dyn ScanStore,
        account: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ScanRecord>, StoreError> {
        let key = (account.map(String::from), limit);
        let generation = self.generation.load(Ordering::SeqCst);
        {
            let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((g, at, records)) = entries.get(&key)
                && *g == generation
                && at.elapsed() < FRESH_FOR
            {
                return Ok(records.clone());
            }
        }
        let records = store.list(account, limit).await?;
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() > 1_000 {
            entries.retain(|_, (g, at, _)| *g == generation && at.elapsed() < FRESH_FOR);
        }
        entries.insert(key, (generation, Instant::now(), records.clone()));
        Ok(records)
    }
}
