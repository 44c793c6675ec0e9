//! The demo account's Application and Network Load Balancers, with the twins in us-east-1.

use super::*;

/// A security policy that negotiates TLS 1.2 and 1.3 only.
const MODERN_TLS: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

impl Gen {
    pub(super) fn load_balancers(&mut self, region: &str) {
        let azs = vec![format!("{region}a"), format!("{region}b")];
        let https = |policy: &str| Listener {
            port: 443,
            protocol: "HTTPS".into(),
            ssl_policy: Some(policy.into()),
            redirects_to_https: false,
            default_action: Some("forward".into()),
        };
        let http = |redirect| Listener {
            port: 80,
            protocol: "HTTP".into(),
            ssl_policy: None,
            redirects_to_https: redirect,
            default_action: Some(if redirect { "redirect" } else { "forward" }.into()),
        };
        let group = |name: &str, targets, healthy| TargetGroupHealth {
            name: name.into(),
            targets,
            healthy,
            unhealthy: Some(targets - healthy),
            health_checks: Some(true),
        };
        let healthy = LoadBalancer {
            id: "orders-api-alb".into(),
            lb_type: "application".into(),
            scheme: "internet-facing".into(),
            availability_zones: azs.clone(),
            listeners: vec![http(true), https(MODERN_TLS)],
            access_logs: true,
            deletion_protection: true,
            cross_zone: true,
            drop_invalid_headers: true,
            target_groups: vec![group("orders-api-tg", 3, 3)],
            tags: tags(&[("Owner", "team-orders"), ("Environment", "prod")]),
            ..Default::default()
        };
        self.push_lb(region, healthy.clone());
        match region {
            "us-east-1" => {
                self.push_lb(
                    region,
                    LoadBalancer {
                        id: "web-alb".into(),
                        listeners: vec![http(false), https("ELBSecurityPolicy-2016-08")],
                        access_logs: false,
                        deletion_protection: false,
                        drop_invalid_headers: false,
                        target_groups: vec![group("web-tg", 6, 6)],
                        tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
                        ..healthy.clone()
                    },
                );
                self.push_lb(
                    region,
                    LoadBalancer {
                        id: "billing-v1-internal".into(),
                        scheme: "internal".into(),
                        listeners: vec![http(false)],
                        target_groups: vec![group("billing-v1-tg", 0, 0)],
                        tags: tags(&[("Owner", "team-finance"), ("Environment", "prod")]),
                        ..healthy.clone()
                    },
                );
                self.push_lb(
                    region,
                    LoadBalancer {
                        id: "bastion-nlb".into(),
                        lb_type: "network".into(),
                        availability_zones: vec![format!("{region}a")],
                        listeners: vec![Listener {
                            port: 22,
                            protocol: "TCP".into(),
                            default_action: Some("forward".into()),
                            ..Default::default()
                        }],
                        access_logs: false,
                        cross_zone: false,
                        drop_invalid_headers: false,
                        target_groups: vec![group("bastion-tg", 1, 1)],
                        tags: tags(&[("Owner", "team-platform"), ("Environment", "prod")]),
                        ..healthy.clone()
                    },
                );
            }
            "us-west-2" => self.push_lb(
                region,
                LoadBalancer {
                    id: "dr-replication-nlb".into(),
                    lb_type: "network".into(),
                    scheme: "internal".into(),
                    listeners: vec![Listener {
                        port: 5432,
                        protocol: "TCP".into(),
                        default_action: Some("forward".into()),
                        ..Default::default()
                    }],
                    cross_zone: false,
                    drop_invalid_headers: false,
                    target_groups: vec![group("dr-replica-tg", 2, 2)],
                    tags: tags(&[("Owner", "team-orders"), ("Environment", "prod")]),
                    ..healthy.clone()
                },
            ),
            "eu-west-1" => self.push_lb(
                region,
                LoadBalancer {
                    id: "web-alb".into(),
                    target_groups: vec![group("web-tg", 4, 0)],
                    tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
                    ..healthy
                },
            ),
            _ => {}
        }
    }

    pub(super) fn push_lb(&mut self, region: &str, mut lb: LoadBalancer) {
        let kind = if lb.lb_type == "network" {
            "net"
        } else {
            "app"
        };
        lb.arn = arn(
            "elasticloadbalancing",
            region,
            &format!("loadbalancer/{kind}/{}/{}", lb.id, self.rng.hex(16)),
        );
        lb.region = region.into();
        lb.availability_zones = lb
            .availability_zones
            .iter()
            .map(|z| format!("{region}{}", z.chars().last().unwrap_or('a')))
            .collect();
        lb.created_at = self.ago(90, 900);
        self.resources.push(lb.into());
    }

    /// Healthy twins of the idle and no-healthy-target checks: a load balancer that only
    /// redirects (the apex domain to www) needs no target, and a Lambda target group's health
    /// checks are off by default, its target `unavailable`. Made after everything else, so
    /// their random draws change nothing before them.
    pub(super) fn load_balancer_twins(&mut self) {
        let region = "us-east-1";
        let base = LoadBalancer {
            lb_type: "application".into(),
            scheme: "internet-facing".into(),
            availability_zones: vec![format!("{region}a"), format!("{region}b")],
            access_logs: true,
            deletion_protection: true,
            cross_zone: true,
            drop_invalid_headers: true,
            ..Default::default()
        };
        self.push_lb(
            region,
            LoadBalancer {
                id: "apex-redirect-alb".into(),
                listeners: vec![Listener {
                    port: 80,
                    protocol: "HTTP".into(),
                    ssl_policy: None,
                    redirects_to_https: true,
                    default_action: Some("redirect".into()),
                }],
                tags: tags(&[("Owner", "team-web"), ("Environment", "prod")]),
                ..base.clone()
            },
        );
        self.push_lb(
            region,
            LoadBalancer {
                id: "quotes-fn-alb".into(),
                scheme: "internal".into(),
                listeners: vec![Listener {
                    port: 80,
                    protocol: "HTTP".into(),
                    ssl_policy: None,
                    redirects_to_https: false,
                    default_action: Some("forward".into()),
                }],
                target_groups: vec![TargetGroupHealth {
                    name: "quotes-fn-tg".into(),
                    targets: 1,
                    healthy: 0,
                    unhealthy: Some(0),
                    health_checks: Some(false),
                }],
                tags: tags(&[("Owner", "team-orders"), ("Environment", "prod")]),
                ..base
            },
        );
    }
}
