pub mod alarm_insufficient_data;
pub mod alarm_without_actions;
pub mod production_without_alarms;
pub mod region_without_alarms;
