pub mod alarm_without_actions;
