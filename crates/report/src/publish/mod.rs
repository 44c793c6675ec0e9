mod local;

pub use local::LocalDir;

use async_trait::async_trait;

use crate::Rendered;

/// Where one published file ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub file_name: String,
    /// A path or URL a person can open.
    pub location: String,
}

/// Why publishing failed. Files published before the failure stay published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// A destination for rendered reports.
#[async_trait]
pub trait Publisher: Send + Sync {
    async fn publish(&self, file: &Rendered) -> Result<Published, PublishError>;
}
