pub mod bucket_not_tls_only;
pub mod bucket_public;
pub mod bucket_versioning_off;
pub mod bucket_without_lifecycle;
pub mod default_encryption_off;
pub mod no_abort_incomplete_uploads;
pub mod public_access_block_off;
