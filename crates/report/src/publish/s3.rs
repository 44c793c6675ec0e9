//! Publishing to S3: one object per report under
//! `<prefix>/<account>/<yyyy>/<mm>/<scan-id>/<file>`, encrypted at rest (SSE-S3, or SSE-KMS with
//! a key), with its content type, a download name, and the scan id and account as metadata;
//! never a public ACL. Each upload answers with a presigned download link.

use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::ServerSideEncryption;
use tracing::Instrument;
use wellscan_model::{ScanInfo, error_chain};

use crate::{PublishError, Published, Publisher, Rendered};

/// The longest a presigned link may live (SigV4's limit).
pub const MAX_LINK_EXPIRY: Duration = Duration::from_secs(7 * 24 * 3600);

/// A bucket and key prefix, from `s3://bucket/prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Destination {
    pub bucket: String,
    /// Without leading or trailing slashes; may be empty.
    pub prefix: String,
}

impl S3Destination {
    pub fn parse(url: &str) -> Result<S3Destination, PublishError> {
        let bad = || PublishError::BadS3Url(url.to_string());
        let rest = url.strip_prefix("s3://").ok_or_else(bad)?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        if !valid_bucket {
            return Err(bad());
        }
        Ok(S3Destination {
            bucket: bucket.to_string(),
            prefix: prefix.trim_matches('/').to_string(),
        })
    }

    /// The key of `file_name` for `scan`.
    pub fn key(&self, scan: &ScanInfo, file_name: &str) -> String {
        let path = format!(
            "{}/{}/{}/{}",
            scan.account_id,
            scan.started_at.format("%Y/%m"),
            scan.id,
            file_name
        );
        if self.prefix.is_empty() {
            path
        } else {
            format!("{}/{path}", self.prefix)
        }
    }
}

/// Uploads reports to S3.
#[derive(Debug, Clone)]
pub struct S3Publisher {
    client: aws_sdk_s3::Client,
    destination: S3Destination,
    kms_key_id: Option<String>,
    link_expiry: Duration,
}

impl S3Publisher {
    pub fn new(
        client: aws_sdk_s3::Client,
        destination: S3Destination,
        kms_key_id: Option<String>,
        link_expiry: Duration,
    ) -> S3Publisher {
        S3Publisher {
            client,
            destination,
            kms_key_id,
            link_expiry: link_expiry.min(MAX_LINK_EXPIRY),
        }
    }

    pub fn destination(&self) -> &S3Destination {
        &self.destination
    }

    /// A presigned GET of `key` in the bucket.
    async fn presign(&self, key: &str) -> Result<String, String> {
        let presigning =
            PresigningConfig::expires_in(self.link_expiry).map_err(|e| e.to_string())?;
        let link = self
            .client
            .get_object()
            .bucket(&self.destination.bucket)
            .key(key)
            .presigned(presigning)
            .await
            .map_err(|e| error_chain(&e))?;
        Ok(link.uri().to_string())
    }

    /// Uploads a page of a static site (a dashboard) under the prefix, shown inline, with the
    /// same encryption as the reports; returns its `s3://` address.
    pub async fn put_page(&self, name: &str, file: &Rendered) -> Result<String, PublishError> {
        let key = match self.destination.prefix.as_str() {
            "" => name.to_string(),
            prefix => format!("{prefix}/{name}"),
        };
        let url = format!("s3://{}/{key}", self.destination.bucket);
        let mut put = self
            .client
            .put_object()
            .bucket(&self.destination.bucket)
            .key(&key)
            .body(ByteStream::from(file.bytes.clone()))
            .content_type(file.content_type)
            .cache_control("no-cache");
        put = match &self.kms_key_id {
            Some(key_id) => put
                .server_side_encryption(ServerSideEncryption::AwsKms)
                .ssekms_key_id(key_id),
            None => put.server_side_encryption(ServerSideEncryption::Aes256),
        };
        put.send()
            .instrument(tracing::info_span!("s3_upload", %url))
            .await
            .map_err(|e| PublishError::Upload {
                file: name.to_string(),
                url: url.clone(),
                reason: match e.as_service_error() {
                    Some(s) => wellscan_model::service_said(s.code(), s.message(), s),
                    None => error_chain(&e),
                },
            })?;
        Ok(url)
    }

    async fn upload(&self, scan: &ScanInfo, file: &Rendered, key: &str) -> Result<String, String> {
        let disposition = if file.content_type.starts_with("text/html") {
            format!("inline; filename=\"{}\"", file.file_name)
        } else {
            format!(
                "attachment; filename=\"wellscan-{}-{}-{}\"",
                scan.account_id, scan.id, file.file_name
            )
        };
        let mut put = self
            .client
            .put_object()
            .bucket(&self.destination.bucket)
            .key(key)
            .body(ByteStream::from(file.bytes.clone()))
            .content_type(file.content_type)
            .content_disposition(disposition)
            .metadata("wellscan-scan-id", &scan.id)
            .metadata("wellscan-account", &scan.account_id);
        put = match &self.kms_key_id {
            Some(key_id) => put
                .server_side_encryption(ServerSideEncryption::AwsKms)
                .ssekms_key_id(key_id),
            None => put.server_side_encryption(ServerSideEncryption::Aes256),
        };
        put.send().await.map_err(|e| match e.as_service_error() {
            Some(s) => wellscan_model::service_said(s.code(), s.message(), s),
            None => error_chain(&e),
        })?;
        self.presign(key).await
    }
}

#[async_trait]
impl Publisher for S3Publisher {
    async fn publish(&self, scan: &ScanInfo, file: &Rendered) -> Result<Published, PublishError> {
        let key = self.destination.key(scan, &file.file_name);
        let url = format!("s3://{}/{key}", self.destination.bucket);
        let link = self
            .upload(scan, file, &key)
            .instrument(tracing::info_span!("s3_upload", %url))
            .await
            .map_err(|reason| PublishError::Upload {
                file: file.file_name.clone(),
                url: url.clone(),
                reason,
            })?;
        tracing::debug!(%url, bytes = file.bytes.len(), "report uploaded");
        Ok(Published {
            file_name: file.file_name.clone(),
            location: link,
            address: url,
        })
    }

    async fn link(&self, location: &str) -> Option<Result<String, PublishError>> {
        let key = location.strip_prefix(&format!("s3://{}/", self.destination.bucket))?;
        Some(
            self.presign(key)
                .await
                .map_err(|reason| PublishError::Upload {
                    file: key.to_string(),
                    url: location.to_string(),
                    reason: format!("no download link: {reason}"),
                }),
        )
    }

    async fn read(&self, location: &str) -> Option<Result<Vec<u8>, PublishError>> {
        let key = location.strip_prefix(&format!("s3://{}/", self.destination.bucket))?;
        let failed = |reason: String| PublishError::Read {
            url: location.to_string(),
            reason,
        };
        let object = match self
            .client
            .get_object()
            .bucket(&self.destination.bucket)
            .key(key)
            .send()
            .await
        {
            Ok(object) => object,
            Err(e) => return Some(Err(failed(error_chain(&e)))),
        };
        Some(
            object
                .body
                .collect()
                .await
                .map(|bytes| bytes.into_bytes().to_vec())
                .map_err(|e| failed(e.to_string())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_urls_parse_into_bucket_and_prefix() {
        let d = S3Destination::parse("s3://audit-reports/wellscan/").expect("url");
        assert_eq!(d.bucket, "audit-reports");
        assert_eq!(d.prefix, "wellscan");
        assert_eq!(
            S3Destination::parse("s3://audit-reports")
                .expect("url")
                .prefix,
            ""
        );
        for bad in [
            "audit-reports",
            "s3://",
            "s3://Upper/x",
            "https://b/x",
            "s3://a",
        ] {
            assert!(S3Destination::parse(bad).is_err(), "{bad}");
        }
    }
}
