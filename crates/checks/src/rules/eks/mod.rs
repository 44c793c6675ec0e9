pub mod audit_logs_off;
pub mod endpoint_public_open;
pub mod no_customer_key;
pub mod nodegroup_al2_ami;
pub mod nodegroup_fixed_size;
pub mod nodegroup_graviton_candidate;
pub mod nodegroup_on_demand_non_production;
pub mod version_past_standard_support;

#[cfg(test)]
use wellscan_model::{EksCluster, EksNodegroup, Resource};

/// An active cluster on 1.34 with a private endpoint and a narrow public one, the audit log
/// and its own KMS key; `f` makes it what a test needs.
#[cfg(test)]
pub(crate) fn cluster(id: &str, f: impl FnOnce(&mut EksCluster)) -> Resource {
    let mut c = EksCluster {
        id: id.into(),
        status: "ACTIVE".into(),
        version: "1.34".into(),
        endpoint_public: true,
        public_access_cidrs: vec!["203.0.113.0/24".into()],
        endpoint_private: true,
        log_types: vec!["api".into(), "audit".into(), "authenticator".into()],
        kms_key: Some("arn:aws:kms:us-east-1:123456789012:key/1".into()),
        ..Default::default()
    };
    f(&mut c);
    c.into()
}

/// An active Graviton node group that scales from 2 to 6 nodes.
#[cfg(test)]
pub(crate) fn nodegroup(id: &str, f: impl FnOnce(&mut EksNodegroup)) -> Resource {
    let (cluster, name) = id.split_once('/').unwrap_or(("prod", id));
    let mut n = EksNodegroup {
        id: id.into(),
        cluster: cluster.into(),
        name: name.into(),
        status: "ACTIVE".into(),
        ami_type: "AL2023_ARM_64_STANDARD".into(),
        instance_types: vec!["m7g.large".into()],
        capacity_type: "ON_DEMAND".into(),
        min_size: 2,
        max_size: 6,
        desired_size: 3,
        ..Default::default()
    };
    f(&mut n);
    n.into()
}
