pub mod missing_required;
