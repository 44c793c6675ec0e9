//! The demo account's EKS: the production cluster in us-east-1, kept tidy but a version behind
//! standard support, and the analytics team's cluster in Ireland, set up in a hurry.

use super::*;

impl Gen {
    pub(super) fn kubernetes(&mut self) {
        let kms = arn(
            "kms",
            "us-east-1",
            "key/0b4f6a1e-7c1d-4e7b-9d0e-5a8c2f1b3d47",
        );
        for (region, name, version, cidrs, logs, key) in [
            (
                "us-east-1",
                "kumo-k8s",
                "1.33",
                vec!["198.51.100.0/24".to_string()],
                vec!["api", "audit", "authenticator"],
                Some(kms),
            ),
            (
                "eu-west-1",
                "kumo-analytics",
                "1.34",
                vec!["0.0.0.0/0".to_string()],
                vec![],
                None,
            ),
        ] {
            let cluster = EksCluster {
                id: name.into(),
                arn: arn("eks", region, &format!("cluster/{name}")),
                region: region.into(),
                tags: tags(&[
                    ("Owner", "team-platform"),
                    (
                        "Environment",
                        if name == "kumo-analytics" {
                            "dev"
                        } else {
                            "prod"
                        },
                    ),
                ]),
                status: "ACTIVE".into(),
                version: version.into(),
                endpoint_public: true,
                public_access_cidrs: cidrs,
                endpoint_private: key.is_some(),
                log_types: logs.into_iter().map(String::from).collect(),
                kms_key: key,
                support_type: Some("EXTENDED".into()),
                created_at: Some(self.now - Duration::days(420)),
                ..Default::default()
            };
            self.resources.push(cluster.into());
        }
        // (region, cluster, node group, AMI type, instance types, capacity, min, max, desired)
        let groups = [
            (
                "us-east-1",
                "kumo-k8s",
                "system",
                // Created with the cluster's first version and never moved.
                "AL2_x86_64",
                "m5.large",
                "ON_DEMAND",
                3,
                3,
                3,
            ),
            (
                "us-east-1",
                "kumo-k8s",
                "web",
                "AL2023_ARM_64_STANDARD",
                "m7g.large",
                "ON_DEMAND",
                2,
                10,
                4,
            ),
            (
                "eu-west-1",
                "kumo-analytics",
                "spark",
                "AL2023_x86_64_STANDARD",
                "r5.2xlarge",
                "SPOT",
                0,
                20,
                6,
            ),
            (
                "eu-west-1",
                "kumo-analytics",
                "notebooks",
                "AL2023_x86_64_STANDARD",
                "m5.xlarge",
                "ON_DEMAND",
                2,
                4,
                2,
            ),
        ];
        for (region, cluster, name, ami, types, capacity, min, max, desired) in groups {
            let group = EksNodegroup {
                id: format!("{cluster}/{name}"),
                arn: arn(
                    "eks",
                    region,
                    &format!("nodegroup/{cluster}/{name}/5ac6b1f2-8d3e-4f70-9a1b-2c3d4e5f6a7b"),
                ),
                region: region.into(),
                tags: tags(&[("Owner", "team-platform")]),
                cluster: cluster.into(),
                name: name.into(),
                status: "ACTIVE".into(),
                ami_type: ami.into(),
                instance_types: vec![types.into()],
                capacity_type: capacity.into(),
                min_size: min,
                max_size: max,
                desired_size: desired,
                ..Default::default()
            };
            self.resources.push(group.into());
        }
    }
}
