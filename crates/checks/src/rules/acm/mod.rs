pub mod certificate_expiring;
pub mod weak_key;
