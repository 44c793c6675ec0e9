pub mod eip_unassociated;
pub mod graviton_candidate;
pub mod instance_idle;
pub mod previous_generation_instance;
pub mod sg_open_admin_ports;
pub mod sustained_high_cpu;

/// The instance family of a type: `m5` for `m5.large`.
pub(crate) fn family(instance_type: &str) -> &str {
    instance_type.split('.').next().unwrap_or(instance_type)
}
