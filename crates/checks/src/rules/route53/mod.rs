pub mod dnssec_off;
pub mod failover_unchecked;
pub mod query_logging_off;

/// A public zone that signs its answers and logs its queries, with a primary and a secondary
/// failover record, the primary behind a health check.
#[cfg(test)]
pub(crate) fn zone(
    id: &str,
    f: impl FnOnce(&mut wellscan_model::HostedZone),
) -> wellscan_model::Resource {
    let record = |failover: &str, health_check_id: Option<&str>| wellscan_model::FailoverRecord {
        name: "api.example.com.".into(),
        record_type: "A".into(),
        failover: failover.into(),
        health_check_id: health_check_id.map(String::from),
        evaluates_target_health: false,
    };
    let mut z = wellscan_model::HostedZone {
        id: id.into(),
        arn: format!("arn:aws:route53:::hostedzone/{id}"),
        region: "global".into(),
        name: "example.com.".into(),
        private: false,
        record_count: 6,
        dnssec: Some("SIGNING".into()),
        query_logging: true,
        failover_records: vec![
            record("PRIMARY", Some("abcdef11-2222-3333-4444-555555fedcba")),
            record("SECONDARY", None),
        ],
        ..Default::default()
    };
    f(&mut z);
    z.into()
}
