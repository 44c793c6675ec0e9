pub mod html;
pub mod json;
pub mod xlsx;
