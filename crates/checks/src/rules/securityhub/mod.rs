pub mod disabled;
