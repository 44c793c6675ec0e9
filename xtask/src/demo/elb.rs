//! The demo account's Classic Load Balancers: the 2015 web front still taking clear text on a
//! TLS 1.0 policy in one zone, the partner EDI endpoint kept properly, and an internal one in
//! Ireland nothing sits behind any more.

use super::*;

impl Gen {
    pub(super) fn classic_load_balancers(&mut self) {
        let listener = |protocol: &str, port, policy: Option<&str>| ClassicListener {
            protocol: protocol.into(),
            port,
            tls_policy: policy.map(String::from),
        };
        let base = |region: &str, name: &str| ClassicLoadBalancer {
            id: name.into(),
            arn: arn(
                "elasticloadbalancing",
                region,
                &format!("loadbalancer/{name}"),
            ),
            region: region.into(),
            tags: tags(&[("Owner", "team-web")]),
            scheme: "internet-facing".into(),
            availability_zones: vec![format!("{region}a"), format!("{region}b")],
            access_logs: true,
            cross_zone: true,
            connection_draining: true,
            instances: 2,
            healthy_instances: 2,
            created_at: Some(self.now - Duration::days(3_900)),
            ..Default::default()
        };
        let balancers = [
            ClassicLoadBalancer {
                availability_zones: vec!["us-east-1a".into()],
                listeners: vec![
                    listener("HTTP", 80, None),
                    listener("HTTPS", 443, Some("ELBSecurityPolicy-2016-08")),
                ],
                access_logs: false,
                cross_zone: false,
                connection_draining: false,
                healthy_instances: 0,
                ..base("us-east-1", "legacy-web-2015")
            },
            ClassicLoadBalancer {
                listeners: vec![listener(
                    "SSL",
                    443,
                    Some("ELBSecurityPolicy-TLS-1-2-2017-01"),
                )],
                ..base("us-east-1", "partner-edi")
            },
            ClassicLoadBalancer {
                scheme: "internal".into(),
                listeners: vec![listener("TCP", 8080, None)],
                instances: 0,
                healthy_instances: 0,
                ..base("eu-west-1", "old-admin")
            },
        ];
        self.resources.extend(balancers.into_iter().map(Into::into));
    }
}
