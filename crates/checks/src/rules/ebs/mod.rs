pub mod encryption_by_default_off;
pub mod gp2_volume;
pub mod snapshot_old;
pub mod snapshot_public;
pub mod snapshot_unencrypted;
pub mod volume_unattached;
pub mod volume_unencrypted;
pub mod volume_without_snapshot;
