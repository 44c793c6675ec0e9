pub mod access_logs_off;
pub mod classic_load_balancer;
pub mod connection_draining_off;
pub mod cross_zone_off;
pub mod idle;
pub mod no_healthy_instances;
pub mod outdated_tls_policy;
pub mod plain_listener;
pub mod single_az;

#[cfg(test)]
use wellscan_model::{ClassicListener, ClassicLoadBalancer, Resource};

/// A listener of `protocol` on `port`, on `policy` when it negotiates TLS.
#[cfg(test)]
pub(crate) fn listener(protocol: &str, port: i32, policy: Option<&str>) -> ClassicListener {
    ClassicListener {
        protocol: protocol.into(),
        port,
        tls_policy: policy.map(String::from),
    }
}

/// An internet-facing load balancer with one HTTPS listener on the TLS 1.2 policy, in two
/// zones, with access logs, cross-zone balancing, draining and two healthy instances.
#[cfg(test)]
pub(crate) fn classic(id: &str, f: impl FnOnce(&mut ClassicLoadBalancer)) -> Resource {
    let mut lb = ClassicLoadBalancer {
        id: id.into(),
        region: "us-east-1".into(),
        scheme: "internet-facing".into(),
        availability_zones: vec!["us-east-1a".into(), "us-east-1b".into()],
        listeners: vec![listener(
            "HTTPS",
            443,
            Some("ELBSecurityPolicy-TLS-1-2-2017-01"),
        )],
        access_logs: true,
        cross_zone: true,
        connection_draining: true,
        instances: 2,
        healthy_instances: 2,
        ..Default::default()
    };
    f(&mut lb);
    lb.into()
}
