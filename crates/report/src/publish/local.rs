use std::path::{Path, PathBuf};

use async_trait::async_trait;

use wellscan_model::ScanInfo;

use crate::{PublishError, Published, Publisher, Rendered};

/// Writes reports into a folder. Each file is written to a temporary name of its own and
/// renamed, so a reader never sees half a report; reports are readable by their owner only.
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
        create_private_dir(&self.dir).map_err(err)?;
        // A probe of its own: two scans preparing one folder never trip over each other.
        tempfile::Builder::new()
            .prefix(".wellscan-write-test")
            .tempfile_in(&self.dir)
            .map(drop)
            .map_err(err)
    }
}

/// Creates `dir` and its missing parents, readable by their owner only (0700); folders that
/// exist are left as they are.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `bytes` to `path` through a new temporary file in the same folder (created
/// exclusively, with a random name, readable by its owner only) renamed into place: never a
/// half-written file, never through a planted symlink, never another writer's temp file.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[async_trait]
impl Publisher for LocalDir {
    async fn publish(&self, _scan: &ScanInfo, file: &Rendered) -> Result<Published, PublishError> {
        let path = self.dir.join(&file.file_name);
        let err = |source| PublishError::Write {
            path: path.display().to_string(),
            source,
        };
        write_private_file(&path, &file.bytes).map_err(err)?;
        tracing::debug!(path = %path.display(), bytes = file.bytes.len(), "report written");
        Ok(Published {
            file_name: file.file_name.clone(),
            location: path.display().to_string(),
            address: path.display().to_string(),
        })
    }
}
