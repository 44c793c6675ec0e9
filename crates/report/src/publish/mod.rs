mod local;
mod s3;

pub use local::{LocalDir, write_private_file};
pub use s3::{MAX_LINK_EXPIRY, S3Destination, S3Publisher};

use async_trait::async_trait;

use wellscan_model::ScanInfo;

use crate::Rendered;

/// Where one published file ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub file_name: String,
    /// A path or URL a person can open (for an upload, a link that expires).
    pub location: String,
    /// Where the file is, as the history keeps it: a path, or an `s3://` address (never a link
    /// that expires).
    pub address: String,
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
    #[error("`{0}` is not an S3 location: write s3://BUCKET or s3://BUCKET/PREFIX")]
    BadS3Url(String),
    #[error("cannot upload {file} to {url}: {reason}")]
    Upload {
        file: String,
        url: String,
        reason: String,
    },
    #[error("cannot read {url}: {reason}")]
    Read { url: String, reason: String },
}

/// A destination for rendered reports.
#[async_trait]
pub trait Publisher: Send + Sync {
    /// Publishes one file of the scan `scan`.
    async fn publish(&self, scan: &ScanInfo, file: &Rendered) -> Result<Published, PublishError>;

    /// A fresh download link for a file this publisher published at `location` (as the history
    /// keeps it: an address, never a link that expires); `None` when it has no such links.
    async fn link(&self, _location: &str) -> Option<Result<String, PublishError>> {
        None
    }

    /// The bytes of a file this publisher published at `location`; `None` when `location` is
    /// not one of its places.
    async fn read(&self, _location: &str) -> Option<Result<Vec<u8>, PublishError>> {
        None
    }
}
