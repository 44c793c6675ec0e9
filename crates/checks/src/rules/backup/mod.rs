pub mod region_without_plan;
pub mod vault_unlocked;
