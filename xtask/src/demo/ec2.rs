//! The demo account's EC2 instances.

use super::*;

impl Gen {
    /// An application's instances, each with its root volume and, in production or by chance,
    /// a CPU alarm; returns their ids.
    pub(super) fn instances(
        &mut self,
        region: &str,
        vpc: &str,
        azs: &[String],
        app: &App,
        sg: &str,
    ) -> Vec<String> {
        let types: &[(&str, &str)] = match app.env {
            "prod" => &[
                ("m5.large", "x86_64"),
                ("m5.xlarge", "x86_64"),
                ("m7g.large", "arm64"),
                ("c5.xlarge", "x86_64"),
                ("m4.large", "x86_64"),
                ("r5.large", "x86_64"),
                ("c6g.xlarge", "arm64"),
            ],
            _ => &[
                ("t3.medium", "x86_64"),
                ("t2.medium", "x86_64"),
                ("t4g.medium", "arm64"),
                ("t3.large", "x86_64"),
                ("m4.large", "x86_64"),
            ],
        };
        // Some workloads sit in one AZ only.
        let single_az = self.rng.chance(0.35);
        let mut instance_ids = Vec::new();
        for n in 1..=app.instances {
            let id = self.id("i");
            let az = if single_az {
                azs[0].clone()
            } else {
                azs[(n as usize) % 2].clone()
            };
            let (instance_type, architecture) = *self.rng.pick(types);
            let stopped = self.rng.chance(0.08);
            let load = self.rng.next() % 100;
            let cpu = match load {
                0..=11 => MetricStats {
                    average: self.rng.float(0.3, 3.5),
                    maximum: self.rng.float(4.0, 15.0),
                    days: 14,
                },
                12..=19 => MetricStats {
                    average: self.rng.float(82.0, 96.0),
                    maximum: 100.0,
                    days: 14,
                },
                // Busy enough not to be idle, too light for its size.
                20..=27 => MetricStats {
                    average: self.rng.float(6.0, 14.0),
                    maximum: self.rng.float(20.0, 38.0),
                    days: 14,
                },
                _ => MetricStats {
                    average: self.rng.float(12.0, 65.0),
                    maximum: self.rng.float(70.0, 99.0),
                    days: 14,
                },
            };
            let name = format!("{}-{}-{n}", app.display, app.env);
            let mut t = self.workload_tags(&name, app);
            if app.name == "bastion" {
                t.insert("Description".into(), INJECTION.into());
            }
            let volume = self.volume(region, &az, app, &name, Some(&id));
            let resource = Ec2Instance {
                unknown: Default::default(),
                arn: arn("ec2", region, &format!("instance/{id}")),
                id: id.clone(),
                region: region.into(),
                tags: t,
                instance_type: instance_type.into(),
                state: if stopped {
                    InstanceState::Stopped
                } else {
                    InstanceState::Running
                },
                state_since: if stopped {
                    self.ago(35, 200)
                } else {
                    self.ago(3, 300)
                },
                launch_time: self.ago(300, 900),
                availability_zone: az,
                architecture: architecture.into(),
                platform: None,
                public_ip: (app.name == "web" || app.name == "bastion")
                    .then(|| format!("203.0.113.{}", self.rng.range(2, 250))),
                imds_v2_required: self.rng.chance(0.6),
                detailed_monitoring: app.env == "prod" && self.rng.chance(0.5),
                iam_instance_profile: self
                    .rng
                    .chance(0.85)
                    .then(|| format!("{}-{}-profile", app.name, app.env)),
                vpc_id: Some(vpc.into()),
                volume_ids: vec![volume],
                security_group_ids: vec![sg.to_string()],
                cpu: (!stopped).then_some(cpu),
            };
            self.resources.push(resource.into());
            if app.env == "prod" || self.rng.chance(0.3) {
                self.alarm(
                    region,
                    app,
                    &format!("{name}-cpu-high"),
                    "AWS/EC2",
                    "CPUUtilization",
                    ("InstanceId", &id),
                );
            }
            instance_ids.push(id);
        }
        instance_ids
    }
}
