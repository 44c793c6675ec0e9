pub mod data_unclassified;
pub mod missing_required;
pub mod no_cost_allocation;
