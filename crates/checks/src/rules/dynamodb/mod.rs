pub mod pitr_off;
