pub mod recorder_off;
