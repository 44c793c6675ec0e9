pub mod access_logs_off;
pub mod cross_zone_off;
pub mod deletion_protection_off;
pub mod drop_invalid_headers_off;
pub mod http_without_redirect;
pub mod idle;
pub mod no_healthy_targets;
pub mod outdated_tls_policy;
pub mod single_az;

#[cfg(test)]
pub(crate) fn lb(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::LoadBalancer),
) -> wellscan_model::Resource {
    let mut lb = wellscan_model::LoadBalancer {
        id: id.into(),
        region: "us-east-1".into(),
        lb_type: "application".into(),
        scheme: "internet-facing".into(),
        availability_zones: vec!["us-east-1a".into(), "us-east-1b".into()],
        cross_zone: true,
        ..Default::default()
    };
    f(&mut lb);
    lb.into()
}
