//! Where a run writes, claimed before any work: a scan's `--out` folder is locked for the
//! length of the scan (a second scan into it is refused, exit 1), never holds another scan's
//! reports without `--force`, and is removed again when a failed run wrote nothing into it.
//! `inventory --out` never replaces a file without `--force`.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::anyhow;

use crate::Failure;
use crate::term::warn_line;

/// The files a scan writes into its folder.
const SCAN_FILES: &[&str] = &[
    "inventory.json",
    "assessment.json",
    "report.html",
    "report.pdf",
    "report.xlsx",
];

/// The files an organisation run writes into `org/`.
const ROLLUP_FILES: &[&str] = &[
    "assessment-org.json",
    "report-org.html",
    "report-org.pdf",
    "report-org.xlsx",
];

/// What a claimed folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    /// One scan's reports.
    Scan,
    /// An organisation run: each account's reports in `<account-id>/`, the rollup in `org/`.
    Org,
    /// A rollup's files.
    Rollup,
}

/// The lock a running scan holds inside its folder.
const LOCK: &str = ".wellscan.lock";

/// A scan's output folder, held for as long as the value lives.
#[derive(Debug)]
pub struct OutDir {
    dir: PathBuf,
    what: Holds,
    /// Folders this run created, innermost first: removed again if the run leaves them empty.
    created: Vec<PathBuf>,
    _lock: File,
}

impl OutDir {
    /// Creates `dir` if needed (0700), locks it against other scans, and clears or refuses
    /// another scan's reports in it.
    pub fn claim(dir: &Path, force: bool) -> Result<OutDir, Failure> {
        OutDir::claim_as(dir, force, Holds::Scan)
    }

    /// Claims `dir` for an organisation run: the same lock, and another run's account folders
    /// and rollup count as its reports.
    pub fn claim_org(dir: &Path, force: bool) -> Result<OutDir, Failure> {
        OutDir::claim_as(dir, force, Holds::Org)
    }

    /// Claims `dir` for `org rollup`: another rollup's files count as its reports.
    pub fn claim_rollup(dir: &Path, force: bool) -> Result<OutDir, Failure> {
        OutDir::claim_as(dir, force, Holds::Rollup)
    }

    fn claim_as(dir: &Path, force: bool, what: Holds) -> Result<OutDir, Failure> {
        let created = missing_ancestors(dir);
        let publisher = wellscan_report::LocalDir::new(dir);
        publisher
            .prepare()
            .map_err(|e| Failure::Usage(anyhow!("--out {}: {e}", dir.display())))?;
        let lock = match lock(dir) {
            Ok(lock) => lock,
            Err(failure) => {
                remove_if_empty(&created);
                return Err(failure);
            }
        };
        let out = OutDir {
            dir: dir.to_path_buf(),
            what,
            created,
            _lock: lock,
        };
        // Dropping `out` on a refusal removes what this run created.
        out.clear(force)?;
        Ok(out)
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Refuses a folder that holds another scan's reports, so a newer `assessment.json` never
    /// sits beside an older `report.pdf`; with `force`, removes them and says so.
    fn clear(&self, force: bool) -> Result<(), Failure> {
        let stale = self.reports();
        if stale.is_empty() {
            return Ok(());
        }
        if !force {
            return Err(Failure::usage(format!(
                "--out {} holds another scan's reports ({}): choose another folder, or add --force to replace them",
                self.dir.display(),
                stale.join(", ")
            )));
        }
        for f in &stale {
            std::fs::remove_file(self.dir.join(f)).map_err(|e| {
                Failure::Usage(anyhow!(
                    "--out {}: cannot remove {f}: {e}",
                    self.dir.display()
                ))
            })?;
        }
        warn_line!(
            "wellscan: --force: removed the earlier scan's {} from {}",
            stale.join(", "),
            self.dir.display()
        );
        Ok(())
    }
}

impl OutDir {
    /// The reports in the folder, as paths relative to it: a scan's beside the lock, or an
    /// organisation run's in its account folders and `org/`.
    fn reports(&self) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut look = |folder: &str, names: &[&str]| {
            for name in names {
                let relative = match folder {
                    "" => name.to_string(),
                    folder => format!("{folder}/{name}"),
                };
                if self.dir.join(&relative).exists() {
                    found.push(relative);
                }
            }
        };
        match self.what {
            Holds::Scan => {
                look("", SCAN_FILES);
                return found;
            }
            Holds::Rollup => {
                look("", ROLLUP_FILES);
                return found;
            }
            Holds::Org => {}
        }
        look("org", ROLLUP_FILES);
        let mut accounts: Vec<String> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.len() == 12 && n.chars().all(|c| c.is_ascii_digit()))
            .collect();
        accounts.sort();
        for account in &accounts {
            look(account, SCAN_FILES);
        }
        found
    }
}

impl Drop for OutDir {
    /// The lock file goes; so do the folders this run created, when it wrote nothing.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.dir.join(LOCK));
        if self.reports().is_empty() {
            remove_if_empty(&self.created);
        }
    }
}

/// Takes the folder's lock, or says which scan holds it. The operating system releases it when
/// the process ends, however it ends.
fn lock(dir: &Path) -> Result<File, Failure> {
    let path = dir.join(LOCK);
    let cannot = |e: std::io::Error| Failure::Run(anyhow!("cannot lock {}: {e}", path.display()));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(cannot)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Failure::Run(anyhow!(
            "another wellscan scan is writing into --out {}: wait for it to finish, or choose another folder",
            dir.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(cannot(e)),
    }
}

/// `dir` and those of its ancestors that do not exist yet, innermost first.
fn missing_ancestors(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .take_while(|a| !a.exists())
        .map(Path::to_path_buf)
        .collect()
}

fn remove_if_empty(dirs: &[PathBuf]) {
    for dir in dirs {
        // Fails, harmlessly, on a folder that is not empty.
        if std::fs::remove_dir(dir).is_err() {
            break;
        }
    }
}

/// Refuses, before any AWS call, an `inventory --out` that is a folder, or a file that exists
/// when `force` is not given; checks that the folder it goes into can be written.
pub fn inventory_file(path: &Path, force: bool) -> Result<(), Failure> {
    if path.is_dir() {
        return Err(Failure::usage(format!(
            "--out {} is a folder: name the file to write, e.g. {}",
            path.display(),
            path.join("inventory.json").display()
        )));
    }
    if path.exists() && !force {
        return Err(Failure::usage(format!(
            "--out {} exists: choose another file, or add --force to replace it",
            path.display()
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    wellscan_report::LocalDir::new(dir)
        .prepare()
        .map_err(|e| Failure::Usage(anyhow!("--out {}: cannot write: {e}", path.display())))
}

/// `path` made absolute against the working folder, for what is printed and recorded.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
