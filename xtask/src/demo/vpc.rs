//! The demo account's VPCs, NAT gateways, security groups and Elastic IPs.

use super::*;

impl Gen {
    /// The default VPC, untouched, with its default security group, and Kumo's own VPC with its
    /// NAT gateways; returns the latter's id.
    pub(super) fn network(&mut self, region: &str, azs: &[String]) -> String {
        // The default VPC, untouched, with its default security group.
        let default_vpc = self.id("vpc");
        let resource = Vpc {
            id: default_vpc.clone(),
            arn: arn("ec2", region, &format!("vpc/{default_vpc}")),
            region: region.into(),
            cidr_block: "172.31.0.0/16".into(),
            is_default: true,
            flow_logs_enabled: false,
            ..Default::default()
        };
        self.resources.push(resource.into());
        self.default_sg(region, &default_vpc, false);

        let vpc = self.id("vpc");
        let resource = Vpc {
            unknown: Default::default(),
            id: vpc.clone(),
            arn: arn("ec2", region, &format!("vpc/{vpc}")),
            region: region.into(),
            tags: tags(&[
                ("Name", &format!("kumo-{region}")),
                ("Owner", "team-platform"),
            ]),
            // One address plan per Region.
            cidr_block: match region {
                "us-west-2" => "10.1.0.0/16",
                "eu-west-1" => "10.2.0.0/16",
                "ap-northeast-1" => "10.8.0.0/16",
                _ => "10.0.0.0/16",
            }
            .into(),
            is_default: false,
            flow_logs_enabled: region != "ap-northeast-1",
        };
        self.resources.push(resource.into());
        self.default_sg(region, &vpc, region == "eu-west-1");
        for az in azs.iter().take(2) {
            let nat = self.id("nat");
            let idle = self.rng.chance(0.3);
            let resource = NatGateway {
                unknown: Default::default(),
                id: nat.clone(),
                arn: arn("ec2", region, &format!("natgateway/{nat}")),
                region: region.into(),
                tags: tags(&[("Name", &format!("nat-{az}")), ("Owner", "team-platform")]),
                vpc_id: vpc.clone(),
                subnet_id: self.id("subnet"),
                state: "available".into(),
                bytes_out: Some(MetricStats {
                    average: if idle {
                        self.rng.float(0.0, 2e5)
                    } else {
                        self.rng.float(5e8, 9e10)
                    },
                    maximum: if idle {
                        self.rng.float(2e5, 1e6)
                    } else {
                        self.rng.float(9e10, 2e11)
                    },
                    days: 14,
                }),
            };
            self.resources.push(resource.into());
        }
        vpc
    }

    /// The analytics team's sandbox in Ireland, created from Kumo's template and so on the
    /// Region's production range: it can never be peered with it.
    pub(super) fn sandbox_vpc(&mut self) {
        let region = "eu-west-1";
        let id = "vpc-0e5a7b1c2d3f40516";
        let resource = Vpc {
            id: id.into(),
            arn: arn("ec2", region, &format!("vpc/{id}")),
            region: region.into(),
            tags: tags(&[("Name", "analytics-sandbox"), ("Owner", "team-data")]),
            cidr_block: "10.2.0.0/16".into(),
            is_default: false,
            flow_logs_enabled: true,
            ..Default::default()
        };
        self.resources.push(resource.into());
    }

    pub(super) fn default_sg(&mut self, region: &str, vpc: &str, open: bool) {
        let id = self.id("sg");
        let mut ingress = vec![IngressRule {
            protocol: "-1".into(),
            source_group_ids: vec![id.clone()],
            ..Default::default()
        }];
        if open {
            ingress.push(IngressRule {
                protocol: "-1".into(),
                ipv4_ranges: vec!["0.0.0.0/0".into()],
                ..Default::default()
            });
        }
        let resource = SecurityGroup {
            arn: arn("ec2", region, &format!("security-group/{id}")),
            id,
            region: region.into(),
            name: "default".into(),
            description: "default VPC security group".into(),
            vpc_id: Some(vpc.into()),
            ingress,
            in_use: open,
            ..Default::default()
        };
        self.resources.push(resource.into());
    }

    pub(super) fn sg(&mut self, region: &str, vpc: &str, app: &App) -> String {
        let id = self.id("sg");
        let mut ingress = vec![IngressRule {
            protocol: "tcp".into(),
            from_port: Some(443),
            to_port: Some(443),
            ipv4_ranges: vec!["0.0.0.0/0".into()],
            ipv6_ranges: vec!["::/0".into()],
            ..Default::default()
        }];
        let ssh_from = if app.name == "bastion" || self.rng.chance(0.3) {
            "0.0.0.0/0"
        } else {
            "10.0.0.0/16"
        };
        ingress.push(IngressRule {
            protocol: "tcp".into(),
            from_port: Some(22),
            to_port: Some(22),
            ipv4_ranges: vec![ssh_from.into()],
            ..Default::default()
        });
        if app.env == "dev" && self.rng.chance(0.5) {
            ingress.push(IngressRule {
                protocol: "tcp".into(),
                from_port: Some(3389),
                to_port: Some(3389),
                ipv4_ranges: vec!["0.0.0.0/0".into()],
                ..Default::default()
            });
        }
        let resource = SecurityGroup {
            unknown: Default::default(),
            arn: arn("ec2", region, &format!("security-group/{id}")),
            id: id.clone(),
            region: region.into(),
            tags: tags(&[
                ("Name", &format!("{}-{}", app.name, app.env)),
                ("Owner", app.owner),
            ]),
            name: format!("{}-{}-sg", app.name, app.env),
            description: format!("{} {} instances", app.name, app.env),
            vpc_id: Some(vpc.into()),
            ingress,
            in_use: true,
        };
        self.resources.push(resource.into());
        id
    }

    pub(super) fn eip(&mut self, region: &str, instance: Option<&str>) {
        let id = self.id("eipalloc");
        let resource = ElasticIp {
            unknown: Default::default(),
            arn: arn("ec2", region, &format!("elastic-ip/{id}")),
            id,
            region: region.into(),
            tags: Tags::new(),
            public_ip: format!("198.51.100.{}", self.rng.range(2, 250)),
            association_id: instance.map(|_| self.id("eipassoc")),
            instance_id: instance.map(String::from),
        };
        self.resources.push(resource.into());
    }
}
