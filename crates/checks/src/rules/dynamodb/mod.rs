pub mod idle_provisioned;
pub mod pitr_off;
