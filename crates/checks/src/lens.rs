//! The Well-Architected best practices wellscan's checks cite, each with the question and
//! choice of the Well-Architected Tool's `wellarchitected` lens it provides evidence for.
//!
//! A best practice is one choice of one question, so the table is keyed by the best-practice
//! id a check cites (`CheckMeta::best_practice`) and a check's question and choice are read
//! from here ([`CheckMeta::wa_question`], [`CheckMeta::wa_choice`]). Numbering follows the
//! framework's July 2024 revision; choice ids are the lens's, which are also the pages of the
//! framework's documentation ([`Practice::url`]). A choice id is its pillar's prefix, the
//! question id with `_` for `-`, and the choice's own part: a test holds every row to that.
//!
//! [`CheckMeta::wa_question`]: crate::CheckMeta::wa_question
//! [`CheckMeta::wa_choice`]: crate::CheckMeta::wa_choice

/// One best practice: its id in the framework, and where the lens asks about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Practice {
    /// `SEC03-BP02`.
    pub id: &'static str,
    /// The lens's question id, `permissions`.
    pub question: &'static str,
    /// The lens's choice id, `sec_permissions_least_privileges`.
    pub choice: &'static str,
    pub title: &'static str,
}

impl Practice {
    /// The best practice's page in the framework's documentation.
    pub fn url(&self) -> String {
        wellscan_model::best_practice_url(self.choice).unwrap_or_default()
    }
}

/// The best practice with this id, if wellscan knows it.
pub fn practice(id: &str) -> Option<&'static Practice> {
    PRACTICES.iter().find(|p| p.id == id)
}

/// Every best practice wellscan knows, in framework order.
pub fn practices() -> &'static [Practice] {
    PRACTICES
}

#[rustfmt::skip]
static PRACTICES: &[Practice] = &[
    Practice { id: "OPS02-BP01", question: "ops-model", choice: "ops_ops_model_def_resource_owners", title: "Resources have identified owners" },
    Practice { id: "OPS04-BP02", question: "observability", choice: "ops_observability_application_telemetry", title: "Implement application telemetry" },
    Practice { id: "OPS04-BP04", question: "observability", choice: "ops_observability_dependency_telemetry", title: "Implement dependency telemetry" },
    Practice { id: "OPS04-BP05", question: "observability", choice: "ops_observability_dist_trace", title: "Implement distributed tracing" },
    Practice { id: "OPS05-BP03", question: "dev-integ", choice: "ops_dev_integ_conf_mgmt_sys", title: "Use configuration management systems" },
    Practice { id: "OPS05-BP04", question: "dev-integ", choice: "ops_dev_integ_build_mgmt_sys", title: "Use build and deployment management systems" },
    Practice { id: "OPS05-BP05", question: "dev-integ", choice: "ops_dev_integ_patch_mgmt", title: "Perform patch management" },
    Practice { id: "OPS05-BP08", question: "dev-integ", choice: "ops_dev_integ_multi_env", title: "Use multiple environments" },
    Practice { id: "OPS06-BP03", question: "mit-deploy-risks", choice: "ops_mit_deploy_risks_deploy_mgmt_sys", title: "Employ safe deployment strategies" },
    Practice { id: "OPS06-BP04", question: "mit-deploy-risks", choice: "ops_mit_deploy_risks_auto_testing_and_rollback", title: "Automate testing and rollback" },
    Practice { id: "OPS07-BP03", question: "ready-to-support", choice: "ops_ready_to_support_use_runbooks", title: "Use runbooks to perform procedures" },
    Practice { id: "OPS07-BP06", question: "ready-to-support", choice: "ops_ready_to_support_enable_support_plans", title: "Create support plans for production workloads" },
    Practice { id: "OPS08-BP01", question: "workload-observability", choice: "ops_workload_observability_create_alerts", title: "Create actionable alerts" },
    Practice { id: "OPS08-BP02", question: "workload-observability", choice: "ops_workload_observability_analyze_workload_metrics", title: "Analyze workload metrics" },
    Practice { id: "OPS08-BP03", question: "workload-observability", choice: "ops_workload_observability_analyze_workload_logs", title: "Analyze workload logs" },
    Practice { id: "OPS08-BP05", question: "workload-observability", choice: "ops_workload_observability_create_dashboards", title: "Create dashboards" },
    Practice { id: "OPS10-BP07", question: "event-response", choice: "ops_event_response_auto_event_response", title: "Automate responses to events" },
    Practice { id: "SEC01-BP01", question: "securely-operate", choice: "sec_securely_operate_multi_accounts", title: "Separate workloads using accounts" },
    Practice { id: "SEC01-BP02", question: "securely-operate", choice: "sec_securely_operate_aws_account", title: "Secure account root user and properties" },
    Practice { id: "SEC01-BP03", question: "securely-operate", choice: "sec_securely_operate_control_objectives", title: "Identify and validate control objectives" },
    Practice { id: "SEC01-BP08", question: "securely-operate", choice: "sec_securely_operate_implement_services_features", title: "Evaluate and implement new security services and features regularly" },
    Practice { id: "SEC02-BP01", question: "identities", choice: "sec_identities_enforce_mechanisms", title: "Use strong sign-in mechanisms" },
    Practice { id: "SEC02-BP02", question: "identities", choice: "sec_identities_unique", title: "Use temporary credentials" },
    Practice { id: "SEC02-BP03", question: "identities", choice: "sec_identities_secrets", title: "Store and use secrets securely" },
    Practice { id: "SEC02-BP04", question: "identities", choice: "sec_identities_identity_provider", title: "Rely on a centralized identity provider" },
    Practice { id: "SEC02-BP05", question: "identities", choice: "sec_identities_audit", title: "Audit and rotate credentials periodically" },
    Practice { id: "SEC02-BP06", question: "identities", choice: "sec_identities_groups_attributes", title: "Employ user groups and attributes" },
    Practice { id: "SEC03-BP01", question: "permissions", choice: "sec_permissions_define", title: "Define access requirements" },
    Practice { id: "SEC03-BP02", question: "permissions", choice: "sec_permissions_least_privileges", title: "Grant least privilege access" },
    Practice { id: "SEC03-BP03", question: "permissions", choice: "sec_permissions_define_guardrails", title: "Define permission guardrails for your organization" },
    Practice { id: "SEC03-BP04", question: "permissions", choice: "sec_permissions_lifecycle", title: "Manage access based on lifecycle" },
    Practice { id: "SEC03-BP05", question: "permissions", choice: "sec_permissions_emergency_process", title: "Establish emergency access process" },
    Practice { id: "SEC03-BP06", question: "permissions", choice: "sec_permissions_share_securely", title: "Share resources securely within your organization" },
    Practice { id: "SEC03-BP07", question: "permissions", choice: "sec_permissions_continuous_reduction", title: "Reduce permissions continuously" },
    Practice { id: "SEC03-BP08", question: "permissions", choice: "sec_permissions_share_securely_third_party", title: "Share resources securely with a third party" },
    Practice { id: "SEC03-BP09", question: "permissions", choice: "sec_permissions_analyze_cross_account", title: "Analyze public and cross-account access" },
    Practice { id: "SEC04-BP01", question: "detect-investigate-events", choice: "sec_detect_investigate_events_app_service_logging", title: "Configure service and application logging" },
    Practice { id: "SEC04-BP02", question: "detect-investigate-events", choice: "sec_detect_investigate_events_analyze_all", title: "Capture logs, findings, and metrics in standardized locations" },
    Practice { id: "SEC04-BP03", question: "detect-investigate-events", choice: "sec_detect_investigate_events_auto_response", title: "Initiate remediation for non-compliant resources" },
    Practice { id: "SEC04-BP04", question: "detect-investigate-events", choice: "sec_detect_investigate_events_actionable_events", title: "Correlate and enrich security events" },
    Practice { id: "SEC05-BP01", question: "network-protection", choice: "sec_network_protection_create_layers", title: "Create network layers" },
    Practice { id: "SEC05-BP02", question: "network-protection", choice: "sec_network_protection_layered", title: "Control traffic within your network layers" },
    Practice { id: "SEC05-BP03", question: "network-protection", choice: "sec_network_protection_inspection", title: "Implement inspection-based protection" },
    Practice { id: "SEC05-BP04", question: "network-protection", choice: "sec_network_protection_auto_protect", title: "Automate network protection" },
    Practice { id: "SEC06-BP01", question: "protect-compute", choice: "sec_protect_compute_vulnerability_management", title: "Perform vulnerability management" },
    Practice { id: "SEC06-BP02", question: "protect-compute", choice: "sec_protect_compute_reduce_surface", title: "Provision compute from hardened images" },
    Practice { id: "SEC06-BP03", question: "protect-compute", choice: "sec_protect_compute_validate_software_integrity", title: "Validate software integrity" },
    Practice { id: "SEC06-BP04", question: "protect-compute", choice: "sec_protect_compute_actions_distance", title: "Reduce manual management and interactive access" },
    Practice { id: "SEC06-BP05", question: "protect-compute", choice: "sec_protect_compute_auto_protection", title: "Automate compute protection" },
    Practice { id: "SEC07-BP04", question: "data-classification", choice: "sec_data_classification_auto_classification", title: "Automate identification and classification" },
    Practice { id: "SEC08-BP01", question: "protect-data-rest", choice: "sec_protect_data_rest_key_mgmt", title: "Implement secure key management" },
    Practice { id: "SEC08-BP02", question: "protect-data-rest", choice: "sec_protect_data_rest_encrypt", title: "Enforce encryption at rest" },
    Practice { id: "SEC08-BP03", question: "protect-data-rest", choice: "sec_protect_data_rest_automate_protection", title: "Automate data at rest protection" },
    Practice { id: "SEC08-BP04", question: "protect-data-rest", choice: "sec_protect_data_rest_access_control", title: "Enforce access control" },
    Practice { id: "SEC09-BP01", question: "protect-data-transit", choice: "sec_protect_data_transit_key_cert_mgmt", title: "Implement secure key and certificate management" },
    Practice { id: "SEC09-BP02", question: "protect-data-transit", choice: "sec_protect_data_transit_encrypt", title: "Enforce encryption in transit" },
    Practice { id: "SEC09-BP03", question: "protect-data-transit", choice: "sec_protect_data_transit_authentication", title: "Authenticate network communications" },
    Practice { id: "SEC10-BP01", question: "incident-response", choice: "sec_incident_response_identify_personnel", title: "Identify key personnel and external resources" },
    Practice { id: "SEC10-BP03", question: "incident-response", choice: "sec_incident_response_prepare_forensic", title: "Prepare forensic capabilities" },
    Practice { id: "SEC10-BP05", question: "incident-response", choice: "sec_incident_response_pre_provision_access", title: "Pre-provision access" },
    Practice { id: "SEC10-BP08", question: "incident-response", choice: "sec_incident_response_pre_deploy_tools", title: "Pre-deploy tools" },
    Practice { id: "SEC11-BP02", question: "appsec", choice: "sec_appsec_deploy_software_programmatically", title: "Deploy software programmatically" },
    Practice { id: "SEC11-BP05", question: "appsec", choice: "sec_appsec_automate_testing_throughout_lifecycle", title: "Automate testing throughout the development and release lifecycle" },
    Practice { id: "SEC11-BP07", question: "appsec", choice: "sec_appsec_centralize_services_for_packages_and_dependencies", title: "Centralize services for packages and dependencies" },
    Practice { id: "REL01-BP01", question: "manage-service-limits", choice: "rel_manage_service_limits_aware_quotas_and_constraints", title: "Aware of service quotas and constraints" },
    Practice { id: "REL01-BP02", question: "manage-service-limits", choice: "rel_manage_service_limits_limits_considered", title: "Manage service quotas across accounts and Regions" },
    Practice { id: "REL01-BP03", question: "manage-service-limits", choice: "rel_manage_service_limits_aware_fixed_limits", title: "Accommodate fixed service quotas and constraints through architecture" },
    Practice { id: "REL01-BP04", question: "manage-service-limits", choice: "rel_manage_service_limits_monitor_manage_limits", title: "Monitor and manage quotas" },
    Practice { id: "REL01-BP06", question: "manage-service-limits", choice: "rel_manage_service_limits_suff_buffer_limits", title: "Ensure a sufficient gap between quotas and maximum usage to accommodate failover" },
    Practice { id: "REL02-BP01", question: "planning-network-topology", choice: "rel_planning_network_topology_ha_conn_users", title: "Use highly available network connectivity for your workload public endpoints" },
    Practice { id: "REL02-BP02", question: "planning-network-topology", choice: "rel_planning_network_topology_ha_conn_private_networks", title: "Provision redundant connectivity between private networks" },
    Practice { id: "REL02-BP03", question: "planning-network-topology", choice: "rel_planning_network_topology_ip_subnet_allocation", title: "Ensure IP subnet allocation accounts for expansion and availability" },
    Practice { id: "REL02-BP04", question: "planning-network-topology", choice: "rel_planning_network_topology_prefer_hub_and_spoke", title: "Prefer hub-and-spoke topologies over many-to-many mesh" },
    Practice { id: "REL02-BP05", question: "planning-network-topology", choice: "rel_planning_network_topology_non_overlap_ip", title: "Enforce non-overlapping private IP address ranges" },
    Practice { id: "REL04-BP02", question: "prevent-interaction-failure", choice: "rel_prevent_interaction_failure_loosely_coupled_system", title: "Implement loosely coupled dependencies" },
    Practice { id: "REL05-BP02", question: "mitigate-interaction-failure", choice: "rel_mitigate_interaction_failure_throttle_requests", title: "Throttle requests" },
    Practice { id: "REL05-BP04", question: "mitigate-interaction-failure", choice: "rel_mitigate_interaction_failure_fail_fast", title: "Fail fast and limit queues" },
    Practice { id: "REL05-BP05", question: "mitigate-interaction-failure", choice: "rel_mitigate_interaction_failure_client_timeouts", title: "Set client timeouts" },
    Practice { id: "REL06-BP01", question: "monitor-aws-resources", choice: "rel_monitor_aws_resources_monitor_resources", title: "Monitor all components for the workload (Generation)" },
    Practice { id: "REL06-BP02", question: "monitor-aws-resources", choice: "rel_monitor_aws_resources_notification_aggregation", title: "Define and calculate metrics (Aggregation)" },
    Practice { id: "REL06-BP03", question: "monitor-aws-resources", choice: "rel_monitor_aws_resources_notification_monitor", title: "Send notifications (Real-time processing and alarming)" },
    Practice { id: "REL06-BP04", question: "monitor-aws-resources", choice: "rel_monitor_aws_resources_automate_response_monitor", title: "Automate responses (Real-time processing and alarming)" },
    Practice { id: "REL06-BP07", question: "monitor-aws-resources", choice: "rel_monitor_aws_resources_end_to_end", title: "Monitor end-to-end tracing of requests through your system" },
    Practice { id: "REL07-BP01", question: "adapt-to-changes", choice: "rel_adapt_to_changes_autoscale_adapt", title: "Use automation when obtaining or scaling resources" },
    Practice { id: "REL07-BP02", question: "adapt-to-changes", choice: "rel_adapt_to_changes_reactive_adapt_auto", title: "Obtain resources upon detection of impairment to a workload" },
    Practice { id: "REL07-BP03", question: "adapt-to-changes", choice: "rel_adapt_to_changes_proactive_adapt_auto", title: "Obtain resources upon detection that more resources are needed for a workload" },
    Practice { id: "REL08-BP04", question: "tracking-change-management", choice: "rel_tracking_change_management_immutable_infrastructure", title: "Deploy using immutable infrastructure" },
    Practice { id: "REL08-BP05", question: "tracking-change-management", choice: "rel_tracking_change_management_automated_changemgmt", title: "Deploy changes with automation" },
    Practice { id: "REL09-BP01", question: "backing-up-data", choice: "rel_backing_up_data_identified_backups_data", title: "Identify and back up all data that needs to be backed up" },
    Practice { id: "REL09-BP02", question: "backing-up-data", choice: "rel_backing_up_data_secured_backups_data", title: "Secure and encrypt backups" },
    Practice { id: "REL09-BP03", question: "backing-up-data", choice: "rel_backing_up_data_automated_backups_data", title: "Perform data backup automatically" },
    Practice { id: "REL09-BP04", question: "backing-up-data", choice: "rel_backing_up_data_periodic_recovery_testing_data", title: "Perform periodic recovery of the data to verify backup integrity and processes" },
    Practice { id: "REL10-BP01", question: "fault-isolation", choice: "rel_fault_isolation_multiaz_region_system", title: "Deploy the workload to multiple locations" },
    Practice { id: "REL10-BP04", question: "fault-isolation", choice: "rel_fault_isolation_single_az_system", title: "Automate recovery for components constrained to a single location" },
    Practice { id: "REL11-BP01", question: "withstand-component-failures", choice: "rel_withstand_component_failures_monitoring_health", title: "Monitor all components of the workload to detect failures" },
    Practice { id: "REL11-BP02", question: "withstand-component-failures", choice: "rel_withstand_component_failures_failover2good", title: "Fail over to healthy resources" },
    Practice { id: "REL11-BP03", question: "withstand-component-failures", choice: "rel_withstand_component_failures_auto_healing_system", title: "Automate healing on all layers" },
    Practice { id: "REL11-BP06", question: "withstand-component-failures", choice: "rel_withstand_component_failures_notifications_sent_system", title: "Send notifications when events impact availability" },
    Practice { id: "REL12-BP05", question: "testing-resiliency", choice: "rel_testing_resiliency_failure_injection_resiliency", title: "Test resiliency using chaos engineering" },
    Practice { id: "REL13-BP01", question: "planning-for-recovery", choice: "rel_planning_for_recovery_objective_defined_recovery", title: "Define recovery objectives for downtime and data loss" },
    Practice { id: "REL13-BP02", question: "planning-for-recovery", choice: "rel_planning_for_recovery_disaster_recovery", title: "Use defined recovery strategies to meet the recovery objectives" },
    Practice { id: "REL13-BP03", question: "planning-for-recovery", choice: "rel_planning_for_recovery_dr_tested", title: "Test disaster recovery implementation to validate the implementation" },
    Practice { id: "REL13-BP05", question: "planning-for-recovery", choice: "rel_planning_for_recovery_auto_recovery", title: "Automate recovery" },
    Practice { id: "PERF02-BP01", question: "compute-hardware", choice: "perf_compute_hardware_select_best_compute_options", title: "Select the best compute options for your workload" },
    Practice { id: "PERF02-BP02", question: "compute-hardware", choice: "perf_compute_hardware_collect_compute_related_metrics", title: "Collect compute-related metrics" },
    Practice { id: "PERF02-BP03", question: "compute-hardware", choice: "perf_compute_hardware_scale_compute_resources_dynamically", title: "Scale your compute resources dynamically" },
    Practice { id: "PERF02-BP05", question: "compute-hardware", choice: "perf_compute_hardware_configure_and_right_size_compute_resources", title: "Configure and right-size compute resources" },
    Practice { id: "PERF02-BP06", question: "compute-hardware", choice: "perf_compute_hardware_compute_accelerators", title: "Use optimized hardware-based compute accelerators" },
    Practice { id: "PERF03-BP02", question: "data", choice: "perf_data_collect_record_data_store_performance_metrics", title: "Collect and record data store performance metrics" },
    Practice { id: "PERF03-BP03", question: "data", choice: "perf_data_evaluate_configuration_options_data_store", title: "Evaluate available configuration options for data store" },
    Practice { id: "PERF03-BP04", question: "data", choice: "perf_data_implement_strategies_to_improve_query_performance", title: "Implement strategies to improve query performance in data store" },
    Practice { id: "PERF03-BP05", question: "data", choice: "perf_data_access_patterns_caching", title: "Implement data access patterns that utilize caching" },
    Practice { id: "PERF04-BP02", question: "networking", choice: "perf_networking_evaluate_networking_features", title: "Evaluate available networking features" },
    Practice { id: "PERF04-BP04", question: "networking", choice: "perf_networking_load_balancing_distribute_traffic", title: "Use load balancing to distribute traffic across multiple resources" },
    Practice { id: "PERF04-BP05", question: "networking", choice: "perf_networking_choose_network_protocols_improve_performance", title: "Choose network protocols to improve performance" },
    Practice { id: "PERF04-BP06", question: "networking", choice: "perf_networking_choose_workload_location_network_requirements", title: "Choose your workload's location based on network requirements" },
    Practice { id: "PERF05-BP02", question: "process-culture", choice: "perf_process_culture_use_monitoring_solutions", title: "Use monitoring solutions to understand the areas where performance is most critical" },
    Practice { id: "PERF05-BP06", question: "process-culture", choice: "perf_process_culture_automation_remediate_issues", title: "Use automation to proactively remediate performance-related issues" },
    Practice { id: "PERF05-BP07", question: "process-culture", choice: "perf_process_culture_keep_workload_and_services_up_to_date", title: "Keep your workload and services up-to-date" },
    Practice { id: "COST01-BP03", question: "cloud-financial-management", choice: "cost_cloud_financial_management_budget_forecast", title: "Establish cloud budgets and forecasts" },
    Practice { id: "COST01-BP05", question: "cloud-financial-management", choice: "cost_cloud_financial_management_proactive_process", title: "Monitor cost proactively" },
    Practice { id: "COST01-BP08", question: "cloud-financial-management", choice: "cost_cloud_financial_management_usage_report", title: "Report and notify on cost optimization" },
    Practice { id: "COST02-BP03", question: "govern-usage", choice: "cost_govern_usage_account_structure", title: "Implement an account structure" },
    Practice { id: "COST02-BP04", question: "govern-usage", choice: "cost_govern_usage_controls", title: "Implement cost controls" },
    Practice { id: "COST03-BP01", question: "monitor-usage", choice: "cost_monitor_usage_detailed_source", title: "Configure detailed information sources" },
    Practice { id: "COST03-BP02", question: "monitor-usage", choice: "cost_monitor_usage_define_attribution", title: "Identify cost attribution categories" },
    Practice { id: "COST03-BP04", question: "monitor-usage", choice: "cost_monitor_usage_config_tools", title: "Configure billing and cost management tools" },
    Practice { id: "COST03-BP05", question: "monitor-usage", choice: "cost_monitor_usage_org_information", title: "Add organization information to cost and usage" },
    Practice { id: "COST04-BP01", question: "decomissioning-resources", choice: "cost_decomissioning_resources_track", title: "Track resources over their lifetime" },
    Practice { id: "COST04-BP03", question: "decomissioning-resources", choice: "cost_decomissioning_resources_decommission", title: "Decommission resources" },
    Practice { id: "COST04-BP04", question: "decomissioning-resources", choice: "cost_decomissioning_resources_data_retention", title: "Enforce data retention policies" },
    Practice { id: "COST04-BP05", question: "decomissioning-resources", choice: "cost_decomissioning_resources_decomm_automated", title: "Decommission resources automatically" },
    Practice { id: "COST05-BP06", question: "select-service", choice: "cost_select_service_licensing", title: "Select software with cost-effective licensing" },
    Practice { id: "COST06-BP02", question: "type-size-number-resources", choice: "cost_type_size_number_resources_data", title: "Select resource type, size, and number based on data" },
    Practice { id: "COST06-BP04", question: "type-size-number-resources", choice: "cost_type_size_number_resources_metrics", title: "Select resource type, size, and number automatically based on metrics" },
    Practice { id: "COST07-BP01", question: "pricing-model", choice: "cost_pricing_model_analysis", title: "Perform pricing model analysis" },
    Practice { id: "COST07-BP04", question: "pricing-model", choice: "cost_pricing_model_implement_models", title: "Implement pricing models for all components of this workload" },
    Practice { id: "COST07-BP05", question: "pricing-model", choice: "cost_pricing_model_master_analysis", title: "Perform pricing model analysis at the management account level" },
    Practice { id: "COST08-BP02", question: "data-transfer", choice: "cost_data_transfer_optimized_components", title: "Select components to optimize data transfer cost" },
    Practice { id: "COST08-BP03", question: "data-transfer", choice: "cost_data_transfer_implement_services", title: "Implement services to reduce data transfer costs" },
    Practice { id: "COST09-BP03", question: "manage-demand-resources", choice: "cost_manage_demand_resources_dynamic", title: "Supply resources dynamically" },
    Practice { id: "SUS01-BP01", question: "sus_region", choice: "sus_sus_region_a2", title: "Choose Region based on both business requirements and sustainability goals" },
    Practice { id: "SUS02-BP01", question: "sus_user", choice: "sus_sus_user_a2", title: "Scale workload infrastructure dynamically" },
    Practice { id: "SUS02-BP04", question: "sus_user", choice: "sus_sus_user_a4", title: "Stop the creation and maintenance of unused assets" },
    Practice { id: "SUS02-BP06", question: "sus_user", choice: "sus_sus_user_a7", title: "Implement buffering or throttling to flatten the demand curve" },
    Practice { id: "SUS03-BP01", question: "sus_software", choice: "sus_sus_software_a2", title: "Optimize software and architecture for asynchronous and scheduled jobs" },
    Practice { id: "SUS03-BP02", question: "sus_software", choice: "sus_sus_software_a3", title: "Remove or refactor workload components with low or no use" },
    Practice { id: "SUS04-BP02", question: "sus_data", choice: "sus_sus_data_a3", title: "Use technologies that support data access and storage patterns" },
    Practice { id: "SUS04-BP03", question: "sus_data", choice: "sus_sus_data_a4", title: "Use policies to manage the lifecycle of your datasets" },
    Practice { id: "SUS04-BP04", question: "sus_data", choice: "sus_sus_data_a6", title: "Remove unneeded or redundant data" },
    Practice { id: "SUS04-BP07", question: "sus_data", choice: "sus_sus_data_a5", title: "Use elasticity and automation to expand block storage or file system" },
    Practice { id: "SUS04-BP08", question: "sus_data", choice: "sus_sus_data_a8", title: "Minimize data movement across networks" },
    Practice { id: "SUS05-BP01", question: "sus_hardware", choice: "sus_sus_hardware_a2", title: "Use the minimum amount of hardware to meet your needs" },
    Practice { id: "SUS05-BP02", question: "sus_hardware", choice: "sus_sus_hardware_a3", title: "Use instance types with the least impact" },
    Practice { id: "SUS05-BP03", question: "sus_hardware", choice: "sus_sus_hardware_a4", title: "Use managed services" },
    Practice { id: "SUS05-BP04", question: "sus_hardware", choice: "sus_sus_hardware_a5", title: "Optimize your use of hardware-based compute accelerators" },
    Practice { id: "SUS06-BP02", question: "sus_dev", choice: "sus_sus_dev_a3", title: "Keep your workload up-to-date" },
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The lens's questions per pillar prefix, in its order.
    const QUESTIONS: &[(&str, &[&str])] = &[
        (
            "ops",
            &[
                "priorities",
                "ops-model",
                "org-culture",
                "observability",
                "dev-integ",
                "mit-deploy-risks",
                "ready-to-support",
                "workload-observability",
                "operations-health",
                "event-response",
                "evolve-ops",
            ],
        ),
        (
            "sec",
            &[
                "securely-operate",
                "identities",
                "permissions",
                "detect-investigate-events",
                "network-protection",
                "protect-compute",
                "data-classification",
                "protect-data-rest",
                "protect-data-transit",
                "incident-response",
                "appsec",
            ],
        ),
        (
            "rel",
            &[
                "manage-service-limits",
                "planning-network-topology",
                "service-architecture",
                "prevent-interaction-failure",
                "mitigate-interaction-failure",
                "monitor-aws-resources",
                "adapt-to-changes",
                "tracking-change-management",
                "backing-up-data",
                "fault-isolation",
                "withstand-component-failures",
                "testing-resiliency",
                "planning-for-recovery",
            ],
        ),
        (
            "perf",
            &[
                "architecture",
                "compute-hardware",
                "data",
                "networking",
                "process-culture",
            ],
        ),
        (
            "cost",
            &[
                "cloud-financial-management",
                "govern-usage",
                "monitor-usage",
                "decomissioning-resources",
                "select-service",
                "type-size-number-resources",
                "pricing-model",
                "data-transfer",
                "manage-demand-resources",
                "evaluate-new-services",
            ],
        ),
        (
            "sus",
            &[
                "sus_region",
                "sus_user",
                "sus_software",
                "sus_data",
                "sus_hardware",
                "sus_dev",
            ],
        ),
    ];

    #[test]
    fn every_choice_belongs_to_its_question_and_the_question_to_its_pillar() {
        for p in PRACTICES {
            let (number, rest) = p.id.split_once("-BP").expect("PILLARnn-BPnn");
            let prefix = number
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_lowercase();
            assert!(
                rest.len() == 2 && rest.chars().all(|c| c.is_ascii_digit()),
                "{}",
                p.id
            );
            let (_, questions) = QUESTIONS
                .iter()
                .find(|(q, _)| *q == prefix)
                .unwrap_or_else(|| panic!("{}: no pillar {prefix}", p.id));
            assert!(
                questions.contains(&p.question),
                "{}: {} is not a {prefix} question",
                p.id,
                p.question
            );
            let stem = format!("{prefix}_{}_", p.question.replace('-', "_"));
            assert!(
                p.choice.starts_with(&stem) && p.choice.len() > stem.len(),
                "{}: choice {} is not under {stem}",
                p.id,
                p.choice
            );
            assert!(!p.title.is_empty());
        }
    }

    #[test]
    fn ids_and_choices_are_unique_and_in_framework_order() {
        let ids: Vec<_> = PRACTICES.iter().map(|p| p.id).collect();
        let choices: BTreeSet<_> = PRACTICES.iter().map(|p| p.choice).collect();
        assert_eq!(choices.len(), PRACTICES.len(), "a choice is listed twice");
        let order = |id: &str| {
            let pillar = ["OPS", "SEC", "REL", "PERF", "COST", "SUS"]
                .iter()
                .position(|p| {
                    id.starts_with(p) && id[p.len()..].starts_with(|c: char| c.is_ascii_digit())
                });
            (pillar, id.to_string())
        };
        let mut sorted = ids.clone();
        sorted.sort_by_key(|id| order(id));
        assert_eq!(ids, sorted);
        assert_eq!(
            practice("SEC03-BP02").map(Practice::url).as_deref(),
            Some(
                "https://docs.aws.amazon.com/wellarchitected/latest/framework/sec_permissions_least_privileges.html"
            )
        );
        assert_eq!(practice("SEC99-BP01"), None);
    }
}
