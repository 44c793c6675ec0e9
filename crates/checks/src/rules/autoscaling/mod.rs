pub mod ec2_health_check_behind_lb;
pub mod imdsv1_allowed;
pub mod launch_configuration;
pub mod no_scaling_policy;
pub mod single_az;

#[cfg(test)]
pub(crate) fn group(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::AutoscalingGroup),
) -> wellscan_model::Resource {
    let mut g = wellscan_model::AutoscalingGroup {
        id: id.into(),
        availability_zones: vec!["us-east-1a".into(), "us-east-1b".into()],
        health_check_type: "ELB".into(),
        load_balancers: 1,
        min_size: 2,
        max_size: 6,
        desired_capacity: 2,
        instances: 2,
        launch_template: Some("web".into()),
        imds_v2_required: Some(true),
        scaling_policies: 1,
        ..Default::default()
    };
    f(&mut g);
    g.into()
}
