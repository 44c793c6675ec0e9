pub mod gp2_volume;
pub mod volume_unattached;
pub mod volume_unencrypted;
