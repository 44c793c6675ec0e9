pub mod retention_never_expires;
pub mod retention_short;
