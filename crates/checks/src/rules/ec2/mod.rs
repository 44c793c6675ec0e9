pub mod default_sg_allows_traffic;
pub mod detailed_monitoring_off;
pub mod eip_unassociated;
pub mod graviton_candidate;
pub mod imdsv1_allowed;
pub mod instance_idle;
pub mod instance_overprovisioned;
pub mod nat_gateway_data_transfer;
pub mod nat_gateway_idle;
pub mod previous_generation_instance;
pub mod sg_open_admin_ports;
pub mod sg_open_all_ports;
pub mod sg_open_database_ports;
pub mod stopped_instance_volumes;
pub mod sustained_high_cpu;
pub mod vpc_cidr_overlap;
pub mod vpc_without_flow_logs;
pub mod workload_single_az;
/// The instance family of a type: `m5` for `m5.large`.
pub(crate) fn family(instance_type: &str) -> &str {
    instance_type.split('.').next().unwrap_or(instance_type)
}
