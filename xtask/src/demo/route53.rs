//! The demo account's Route 53: the public zone `kumo-freight.example`, signed and logged since
//! the 2024 audit, whose orders API fails over from Virginia to Ireland, the primary watched by
//! a health check; the partner zone bought for the EDI rollout, never signed or logged, whose
//! failover pair was set up without one; and the private zone the services resolve each
//! other by.

use super::*;

impl Gen {
    pub(super) fn zones(&mut self) {
        let record = |name: &str, failover: &str, health_check_id: Option<&str>| FailoverRecord {
            name: name.into(),
            record_type: "A".into(),
            failover: failover.into(),
            health_check_id: health_check_id.map(String::from),
            evaluates_target_health: false,
        };
        let zone = |id: &str, name: &str, owner: &str| HostedZone {
            id: id.into(),
            arn: format!("arn:aws:route53:::hostedzone/{id}"),
            region: GLOBAL_REGION.into(),
            tags: tags(&[("Owner", owner), ("Environment", "prod")]),
            name: name.into(),
            ..Default::default()
        };
        let public = HostedZone {
            record_count: 42,
            dnssec: Some("SIGNING".into()),
            query_logging: true,
            failover_records: vec![
                record(
                    "api.kumo-freight.example.",
                    "PRIMARY",
                    Some("7b1e4c2a-93d5-4f08-b6a1-2c9e5d3f8a71"),
                ),
                record("api.kumo-freight.example.", "SECONDARY", None),
            ],
            ..zone(
                "Z0KUMOFREIGHT7Q3ZP1",
                "kumo-freight.example.",
                "team-platform",
            )
        };
        let partners = HostedZone {
            record_count: 9,
            dnssec: Some("NOT_SIGNING".into()),
            failover_records: vec![
                record("edi.kumo-partners.example.", "PRIMARY", None),
                record("edi.kumo-partners.example.", "SECONDARY", None),
            ],
            ..zone(
                "Z0KUMOPARTNERS2L4M",
                "kumo-partners.example.",
                "team-finance",
            )
        };
        let internal = HostedZone {
            private: true,
            record_count: 57,
            ..zone("Z0KUMOINTERNAL8X2Q", "kumo.internal.", "team-platform")
        };
        for z in [public, partners, internal] {
            self.resources.push(z.into());
        }
    }
}
