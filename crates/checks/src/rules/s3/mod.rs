pub mod bucket_public;
pub mod bucket_versioning_off;
pub mod bucket_without_lifecycle;
