pub mod rotation_off;
pub mod unused;
