pub mod retention_never_expires;
