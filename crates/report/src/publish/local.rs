use std::path::{Path, PathBuf};

use async_trait::async_trait;

use wellscan_model::ScanInfo;

use crate::{PublishError, Published, Publisher, Rendered};

/// Writes reports into a folder. Each file is written to a temporary name and renamed, so
/// a reader never sees half a report.
#[derive(Debug, Clone)]
pub struct LocalDir {
    dir: PathBuf,
}

impl LocalDir {
    pub fn new(dir: impl Into<PathBuf>) -> LocalDir {
        LocalDir { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the folder and proves it is writable, so a bad `--out` fails before any work.
    pub fn prepare(&self) -> Result<(), PublishError> {
        let err = |source| PublishError::Write {
            path: self.dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(err)?;
        let probe = self.dir.join(".wellscan-write-test");
        std::fs::write(&probe, b"").map_err(err)?;
        std::fs::remove_file(&probe).map_err(err)
    }
}

#[async_trait]
impl Publisher for LocalDir {
    async fn publish(&self, _scan: &ScanInfo, file: &Rendered) -> Result<Published, PublishError> {
        let path = self.dir.join(&file.file_name);
        let tmp = self.dir.join(format!(".{}.partial", file.file_name));
        let err = |source| PublishError::Write {
            path: path.display().to_string(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(err)?;
        std::fs::write(&tmp, &file.bytes).map_err(err)?;
        std::fs::rename(&tmp, &path).map_err(err)?;
        tracing::debug!(path = %path.display(), bytes = file.bytes.len(), "report written");
        Ok(Published {
            file_name: file.file_name.clone(),
            location: path.display().to_string(),
        })
    }
}
