pub mod encryption_by_default_off;
pub mod gp2_volume;
pub mod volume_unattached;
pub mod volume_unencrypted;
