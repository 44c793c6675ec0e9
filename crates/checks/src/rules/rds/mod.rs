pub mod backup_retention_short;
pub mod instance_single_az;
