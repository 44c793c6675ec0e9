pub mod key_rotation_off;
