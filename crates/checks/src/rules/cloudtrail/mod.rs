pub mod log_validation_off;
pub mod logging_stopped;
pub mod no_multi_region_trail;
