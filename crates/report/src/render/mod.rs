pub mod html;
pub mod json;
