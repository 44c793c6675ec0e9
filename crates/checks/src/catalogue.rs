use crate::Check;
use crate::rules::{
    acm, apigateway, autoscaling, backup, cloudfront, cloudtrail, cloudwatch, config,
    costoptimizationhub, dynamodb, ebs, ec2, ecr, ecs, efs, eks, elasticache, elb, elbv2,
    guardduty, iam, kms, lambda, logs, organizations, rds, route53, s3, secretsmanager,
    securityhub, sns, sqs, ssm, tags,
};

static CATALOGUE: &[Check] = &[
    // Security
    ec2::sg_open_admin_ports::CHECK,
    ebs::volume_unencrypted::CHECK,
    s3::bucket_public::CHECK,
    iam::user_console_without_mfa::CHECK,
    iam::root_without_mfa::CHECK,
    ebs::encryption_by_default_off::CHECK,
    cloudtrail::no_multi_region_trail::CHECK,
    cloudtrail::log_validation_off::CHECK,
    kms::key_rotation_off::CHECK,
    ec2::sg_open_all_ports::CHECK,
    ec2::default_sg_allows_traffic::CHECK,
    ec2::imdsv1_allowed::CHECK,
    rds::storage_unencrypted::CHECK,
    rds::instance_public::CHECK,
    ebs::snapshot_public::CHECK,
    ebs::snapshot_unencrypted::CHECK,
    iam::access_key_old::CHECK,
    iam::access_key_unused::CHECK,
    iam::root_access_keys::CHECK,
    iam::password_policy_weak::CHECK,
    iam::policy_admin_star::CHECK,
    iam::role_trusts_any_principal::CHECK,
    lambda::env_secret_like::CHECK,
    lambda::url_without_auth::CHECK,
    s3::bucket_not_tls_only::CHECK,
    s3::public_access_block_off::CHECK,
    logs::retention_short::CHECK,
    cloudtrail::logging_stopped::CHECK,
    ec2::sg_open_database_ports::CHECK,
    s3::default_encryption_off::CHECK,
    iam::user_admin_attached::CHECK,
    iam::group_grants_admin::CHECK,
    elbv2::http_without_redirect::CHECK,
    elbv2::outdated_tls_policy::CHECK,
    elbv2::drop_invalid_headers_off::CHECK,
    autoscaling::imdsv1_allowed::CHECK,
    sqs::queue_unencrypted::CHECK,
    sqs::queue_public::CHECK,
    sns::topic_unencrypted::CHECK,
    sns::topic_public::CHECK,
    sns::http_subscription::CHECK,
    secretsmanager::rotation_off::CHECK,
    acm::certificate_expiring::CHECK,
    acm::weak_key::CHECK,
    guardduty::disabled::CHECK,
    securityhub::disabled::CHECK,
    config::recorder_off::CHECK,
    efs::unencrypted::CHECK,
    ecr::scan_on_push_off::CHECK,
    ecs::service_public_ip::CHECK,
    ecs::task_privileged::CHECK,
    ecs::task_root_user::CHECK,
    ecs::task_secret_env::CHECK,
    ecs::task_root_fs_writable::CHECK,
    ecs::task_host_network::CHECK,
    eks::endpoint_public_open::CHECK,
    eks::audit_logs_off::CHECK,
    eks::no_customer_key::CHECK,
    elasticache::encryption_at_rest_off::CHECK,
    elasticache::transit_encryption_off::CHECK,
    elb::plain_listener::CHECK,
    elb::outdated_tls_policy::CHECK,
    tags::data_unclassified::CHECK,
    cloudfront::viewer_http_allowed::CHECK,
    cloudfront::old_tls::CHECK,
    cloudfront::no_waf::CHECK,
    cloudfront::logging_off::CHECK,
    cloudfront::s3_origin_open::CHECK,
    ecs::task_public_image::CHECK,
    organizations::no_service_control_policies::CHECK,
    apigateway::access_logging_off::CHECK,
    apigateway::no_waf::CHECK,
    apigateway::cache_unencrypted::CHECK,
    route53::dnssec_off::CHECK,
    route53::query_logging_off::CHECK,
    ssm::instance_unmanaged::CHECK,
    // Reliability
    rds::instance_single_az::CHECK,
    rds::backup_retention_short::CHECK,
    s3::bucket_versioning_off::CHECK,
    dynamodb::pitr_off::CHECK,
    lambda::async_without_failure_destination::CHECK,
    rds::deletion_protection_off::CHECK,
    ebs::volume_without_snapshot::CHECK,
    ec2::workload_single_az::CHECK,
    cloudwatch::production_without_alarms::CHECK,
    elbv2::deletion_protection_off::CHECK,
    elbv2::single_az::CHECK,
    elbv2::no_healthy_targets::CHECK,
    autoscaling::single_az::CHECK,
    autoscaling::ec2_health_check_behind_lb::CHECK,
    sqs::queue_without_dlq::CHECK,
    backup::region_without_plan::CHECK,
    backup::vault_unlocked::CHECK,
    efs::backup_off::CHECK,
    ecr::tags_mutable::CHECK,
    ecs::service_below_desired::CHECK,
    eks::nodegroup_fixed_size::CHECK,
    elasticache::no_automatic_failover::CHECK,
    elasticache::snapshots_off::CHECK,
    elb::single_az::CHECK,
    elb::no_healthy_instances::CHECK,
    elb::connection_draining_off::CHECK,
    ec2::vpc_cidr_overlap::CHECK,
    backup::no_cross_region_copy::CHECK,
    apigateway::no_throttling::CHECK,
    route53::failover_unchecked::CHECK,
    // Operational excellence
    tags::missing_required::CHECK,
    cloudwatch::alarm_without_actions::CHECK,
    lambda::tracing_disabled::CHECK,
    lambda::deprecated_runtime::CHECK,
    rds::auto_minor_upgrade_off::CHECK,
    cloudwatch::alarm_insufficient_data::CHECK,
    ec2::vpc_without_flow_logs::CHECK,
    cloudwatch::region_without_alarms::CHECK,
    elbv2::access_logs_off::CHECK,
    autoscaling::launch_configuration::CHECK,
    sns::topic_without_subscriptions::CHECK,
    ecs::container_insights_off::CHECK,
    ecs::no_circuit_breaker::CHECK,
    ecs::task_without_logging::CHECK,
    eks::version_past_standard_support::CHECK,
    elasticache::engine_outdated::CHECK,
    elb::access_logs_off::CHECK,
    apigateway::tracing_off::CHECK,
    ssm::patches_missing::CHECK,
    // Performance efficiency
    ec2::previous_generation_instance::CHECK,
    ebs::gp2_volume::CHECK,
    ec2::sustained_high_cpu::CHECK,
    lambda::throttled::CHECK,
    rds::previous_generation_class::CHECK,
    rds::performance_insights_off::CHECK,
    ec2::detailed_monitoring_off::CHECK,
    elbv2::cross_zone_off::CHECK,
    autoscaling::no_scaling_policy::CHECK,
    elasticache::previous_generation_node::CHECK,
    elb::classic_load_balancer::CHECK,
    elb::cross_zone_off::CHECK,
    cloudfront::http1_only::CHECK,
    rds::enhanced_monitoring_off::CHECK,
    rds::engine_extended_support::CHECK,
    // Cost optimization
    ebs::volume_unattached::CHECK,
    ec2::eip_unassociated::CHECK,
    ec2::instance_idle::CHECK,
    logs::retention_never_expires::CHECK,
    lambda::memory_oversized::CHECK,
    rds::instance_idle::CHECK,
    ebs::snapshot_old::CHECK,
    ec2::stopped_instance_volumes::CHECK,
    ec2::nat_gateway_idle::CHECK,
    elbv2::idle::CHECK,
    secretsmanager::unused::CHECK,
    ecr::no_lifecycle_policy::CHECK,
    elb::idle::CHECK,
    ec2::nat_gateway_data_transfer::CHECK,
    tags::no_cost_allocation::CHECK,
    eks::nodegroup_on_demand_non_production::CHECK,
    organizations::standalone_account::CHECK,
    costoptimizationhub::not_enrolled::CHECK,
    costoptimizationhub::rightsizing::CHECK,
    costoptimizationhub::commitment::CHECK,
    // Sustainability
    ec2::graviton_candidate::CHECK,
    lambda::x86_architecture::CHECK,
    s3::bucket_without_lifecycle::CHECK,
    rds::graviton_candidate::CHECK,
    ec2::instance_overprovisioned::CHECK,
    dynamodb::idle_provisioned::CHECK,
    efs::no_lifecycle::CHECK,
    eks::nodegroup_graviton_candidate::CHECK,
    elasticache::graviton_candidate::CHECK,
    cloudfront::compression_off::CHECK,
    ecs::task_x86_on_fargate::CHECK,
    lambda::unused::CHECK,
    eks::nodegroup_al2_ami::CHECK,
    s3::no_abort_incomplete_uploads::CHECK,
    rds::storage_autoscaling_off::CHECK,
];

/// Every check wellscan knows, grouped by primary pillar.
pub fn catalogue() -> &'static [Check] {
    CATALOGUE
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use wellscan_model::Pillar;

    use super::*;

    /// The read-only policy a live scan is given: every action a check decides on is in it,
    /// so a user granting the policy gets every check.
    #[test]
    fn every_action_a_check_reads_is_in_the_iam_policy() {
        let policy: serde_json::Value =
            serde_json::from_str(include_str!("../../../docs/iam-policy.json")).expect("policy");
        let granted: BTreeSet<&str> = policy["Statement"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["Action"].as_array().into_iter().flatten())
            .filter_map(|a| a.as_str())
            .collect();
        for check in catalogue() {
            for action in check.meta.reads {
                assert!(
                    granted.contains(action),
                    "{} reads {action}, which docs/iam-policy.json does not grant",
                    check.meta.id
                );
            }
        }
    }

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for check in catalogue() {
            let id = check.meta.id;
            assert!(seen.insert(id), "duplicate check id {id}");
            let (service, rule) = id.split_once('.').expect("service.rule");
            assert!(
                !service.is_empty()
                    && !rule.is_empty()
                    && rule
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()),
                "{id}"
            );
        }
    }

    #[test]
    fn every_pillar_has_checks_and_every_check_is_documented() {
        assert!(catalogue().len() >= 50, "{} checks", catalogue().len());
        for pillar in Pillar::ALL {
            let n = catalogue()
                .iter()
                .filter(|c| c.meta.pillar == pillar)
                .count();
            assert!(n >= 6, "{pillar} has {n} checks");
        }
        for check in catalogue() {
            let m = &check.meta;
            let prefix = &m.best_practice[..m.best_practice.find(char::is_numeric).unwrap_or(0)];
            let expected = match m.pillar {
                Pillar::OperationalExcellence => "OPS",
                Pillar::Security => "SEC",
                Pillar::Reliability => "REL",
                Pillar::PerformanceEfficiency => "PERF",
                Pillar::CostOptimization => "COST",
                Pillar::Sustainability => "SUS",
            };
            assert_eq!(prefix, expected, "{} cites {}", m.id, m.best_practice);
            assert!(m.best_practice.contains("-BP"), "{}", m.id);
            let practice = m.practice().unwrap_or_else(|| {
                panic!(
                    "{} cites {}, which crate::lens does not list",
                    m.id, m.best_practice
                )
            });
            assert_eq!(m.wa_question(), practice.question);
            assert_eq!(m.wa_choice(), practice.choice);
            assert!(!m.reads.is_empty(), "{} names no IAM action it reads", m.id);
            assert!(
                m.remediation.contains("aws "),
                "{} remediation has no CLI command",
                m.id
            );
            assert!(!m.title.is_empty() && !m.action.is_empty(), "{}", m.id);
        }
    }
}
